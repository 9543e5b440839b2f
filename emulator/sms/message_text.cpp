#include "emulator/sms/message_text.h"

#include "emulator/sms/gsm_alphabet.h"
#include "emulator/sms/unicode_text.h"

namespace cellemu::sms {
namespace {

constexpr std::size_t kSingleSeptets = 160;
constexpr std::size_t kPartSeptets = 153;  // 160 minus the 7 septets of a 6-octet header
constexpr std::size_t kSingleUnits = 70;
constexpr std::size_t kPartUnits = 67;  // (140 - 6) / 2

// Cuts `code` (septets, or UCS2 octets with `step` 2) into chunks of at most `limit` octets
// without separating a character from its continuation (`joined(i)`: a cut before octet i would
// split a character, so the cut moves back by `step`).
template <class Joined>
std::vector<Octets> chunk(const Octets& code, std::size_t limit, std::size_t step, Joined joined) {
  std::vector<Octets> out;
  std::size_t start = 0;
  while (start < code.size()) {
    std::size_t end = std::min(code.size(), start + limit);
    if (end < code.size() && joined(end)) end -= step;
    out.emplace_back(code.begin() + static_cast<std::ptrdiff_t>(start),
                     code.begin() + static_cast<std::ptrdiff_t>(end));
    start = end;
  }
  if (out.empty()) out.emplace_back();
  return out;
}

TextParts wrap(Alphabet alphabet, std::vector<Octets> chunks, std::uint16_t reference) {
  TextParts out{alphabet, {}};
  const auto total = static_cast<std::uint8_t>(chunks.size());
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    UserData ud;
    ud.payload = std::move(chunks[i]);
    if (total > 1) {
      ud.has_header = true;
      const Concatenation c{static_cast<std::uint16_t>(reference & 0xFF), total,
                            static_cast<std::uint8_t>(i + 1), false};
      ud.header.push_back(c.element());
    }
    out.parts.push_back(std::move(ud));
  }
  return out;
}

}  // namespace

std::optional<std::u32string> text_of(const UserData& ud, const DataCoding& coding) {
  if (coding.compressed) return std::nullopt;
  switch (coding.alphabet) {
    case Alphabet::Gsm7:
      return GsmAlphabet::decode(ud.payload);
    case Alphabet::Ucs2:
      return ucs2_to_u32(ud.payload);
    case Alphabet::Data8:
      break;
  }
  return std::nullopt;
}

std::optional<TextParts> split_text(std::u32string_view text, std::uint16_t reference,
                                    bool force_ucs2) {
  const auto septets = force_ucs2 ? std::nullopt : GsmAlphabet::encode(text);
  std::vector<Octets> chunks;
  if (septets) {
    const std::size_t limit = septets->size() <= kSingleSeptets ? kSingleSeptets : kPartSeptets;
    const Octets& s = *septets;
    // An escape pair stays whole: cut before an escape whose extension code would be left over.
    chunks = chunk(s, limit, 1, [&s](std::size_t i) {
      std::size_t escapes = 0;
      for (std::size_t k = i; k > 0 && s[k - 1] == GsmAlphabet::kEscape; --k) ++escapes;
      return escapes % 2 == 1;
    });
  } else {
    const Octets ucs2 = u32_to_ucs2(text);
    const std::size_t units = ucs2.size() / 2;
    const std::size_t limit = 2 * (units <= kSingleUnits ? kSingleUnits : kPartUnits);
    // A low surrogate stays with its high surrogate; cuts fall on even octets.
    chunks = chunk(ucs2, limit, 2, [&ucs2](std::size_t i) { return (ucs2[i] & 0xFC) == 0xDC; });
  }
  if (chunks.size() > kMaxParts) return std::nullopt;
  return wrap(septets ? Alphabet::Gsm7 : Alphabet::Ucs2, std::move(chunks), reference);
}

}  // namespace cellemu::sms
