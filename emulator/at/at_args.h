#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cellemu::at {

// Typed reading of a Set command's parameter list: "TCP","host",80 or 1,,3. Commas inside double
// quotes belong to the value; spaces around commas outside quotes are ignored (OQ-51); quotes are
// optional on every parameter, as the Luat manuals allow.
class AtArgs {
 public:
  // nullopt when a double quote is left open.
  static std::optional<AtArgs> parse(std::string_view text);

  std::size_t size() const { return items_.size(); }
  bool has(std::size_t i) const { return i < items_.size() && !items_[i].omitted; }
  bool quoted(std::size_t i) const { return i < items_.size() && items_[i].quoted; }
  // The value without its quotes; empty when absent.
  std::string_view text(std::size_t i) const;
  // Decimal integer (quoted digits allowed, e.g. a port "7500"); nullopt on anything else.
  std::optional<std::int64_t> integer(std::size_t i) const;
  std::optional<int> int_in(std::size_t i, std::int64_t lo, std::int64_t hi) const;
  // The raw text from parameter i to the end of the list, commas included (AT^HEARTBEAT data).
  std::string_view raw_from(std::size_t i) const;

 private:
  struct Item {
    std::string value;
    bool quoted = false;
    bool omitted = false;
    std::size_t raw_start = 0;
  };
  std::string raw_;
  std::vector<Item> items_;
};

}  // namespace cellemu::at
