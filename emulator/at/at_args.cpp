#include "emulator/at/at_args.h"

#include <charconv>

namespace cellemu::at {

std::optional<AtArgs> AtArgs::parse(std::string_view text) {
  AtArgs args;
  args.raw_ = std::string(text);
  if (text.empty()) return args;
  std::size_t pos = 0;
  while (true) {
    Item item;
    while (pos < text.size() && text[pos] == ' ') ++pos;
    item.raw_start = pos;
    if (pos < text.size() && text[pos] == '"') {
      const auto close = text.find('"', pos + 1);
      if (close == std::string_view::npos) return std::nullopt;
      item.value = std::string(text.substr(pos + 1, close - pos - 1));
      item.quoted = true;
      pos = close + 1;
      // Anything between the closing quote and the comma is kept verbatim after the value.
      const auto comma = text.find(',', pos);
      auto tail =
          text.substr(pos, comma == std::string_view::npos ? text.size() - pos : comma - pos);
      while (!tail.empty() && tail.back() == ' ') tail.remove_suffix(1);
      item.value += tail;
      pos = comma == std::string_view::npos ? text.size() : comma;
    } else {
      const auto comma = text.find(',', pos);
      auto value =
          text.substr(pos, comma == std::string_view::npos ? text.size() - pos : comma - pos);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      item.value = std::string(value);
      item.omitted = value.empty();
      pos = comma == std::string_view::npos ? text.size() : comma;
    }
    args.items_.push_back(std::move(item));
    if (pos >= text.size()) break;
    ++pos;  // the comma
  }
  return args;
}

std::string_view AtArgs::text(std::size_t i) const {
  return i < items_.size() ? std::string_view(items_[i].value) : std::string_view();
}

std::optional<std::int64_t> AtArgs::integer(std::size_t i) const {
  if (!has(i)) return std::nullopt;
  const std::string& v = items_[i].value;
  if (v.empty() || v.size() > 18) return std::nullopt;
  std::int64_t out = 0;
  const auto* begin = v.data() + (v[0] == '+' ? 1 : 0);
  const auto [ptr, ec] = std::from_chars(begin, v.data() + v.size(), out);
  if (ec != std::errc() || ptr != v.data() + v.size()) return std::nullopt;
  return out;
}

std::optional<int> AtArgs::int_in(std::size_t i, std::int64_t lo, std::int64_t hi) const {
  auto v = integer(i);
  if (!v || *v < lo || *v > hi) return std::nullopt;
  return static_cast<int>(*v);
}

std::string_view AtArgs::raw_from(std::size_t i) const {
  if (i >= items_.size()) return {};
  return std::string_view(raw_).substr(items_[i].raw_start);
}

}  // namespace cellemu::at
