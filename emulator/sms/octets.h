#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cellemu::sms {

// PDUs and user data are octet buffers; a view is what decoders read.
using Octets = std::vector<std::uint8_t>;
using OctetView = std::span<const std::uint8_t>;

// Upper-case hex, two digits per octet, as 27.005 PDU mode prints it.
std::string to_hex(OctetView octets);
// Inverse of to_hex: either case; nullopt on odd length or a non-hex character.
std::optional<Octets> from_hex(std::string_view hex);

// A bounded cursor over a PDU: every read checks the remaining length, so a decoder never reads
// past what the host or the network handed it.
class OctetReader {
 public:
  explicit OctetReader(OctetView data) : data_(data) {}
  std::optional<std::uint8_t> next() {
    if (pos_ >= data_.size()) return std::nullopt;
    return data_[pos_++];
  }
  // The next `n` octets, or nullopt (and nothing consumed) if fewer remain.
  std::optional<OctetView> take(std::size_t n) {
    if (n > remaining()) return std::nullopt;
    OctetView out = data_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  std::size_t remaining() const { return data_.size() - pos_; }
  std::size_t position() const { return pos_; }
  bool done() const { return pos_ == data_.size(); }

 private:
  OctetView data_;
  std::size_t pos_ = 0;
};

}  // namespace cellemu::sms
