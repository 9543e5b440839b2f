#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cellemu::net::ppp {

// Network byte order on std::string buffers (PPP, IPv4, TCP, UDP and DNS fields). Readers assume
// the caller checked the length.
inline std::uint8_t get8(std::string_view s, std::size_t at) {
  return static_cast<std::uint8_t>(s[at]);
}
inline std::uint16_t get16(std::string_view s, std::size_t at) {
  return static_cast<std::uint16_t>(get8(s, at) << 8 | get8(s, at + 1));
}
inline std::uint32_t get32(std::string_view s, std::size_t at) {
  return static_cast<std::uint32_t>(get16(s, at)) << 16 | get16(s, at + 2);
}
inline void put16(std::string& s, std::size_t at, std::uint16_t v) {
  s[at] = static_cast<char>(v >> 8);
  s[at + 1] = static_cast<char>(v & 0xFF);
}
inline void put32(std::string& s, std::size_t at, std::uint32_t v) {
  put16(s, at, static_cast<std::uint16_t>(v >> 16));
  put16(s, at + 2, static_cast<std::uint16_t>(v & 0xFFFF));
}
inline void append8(std::string& s, std::uint8_t v) {
  s.push_back(static_cast<char>(v));
}
inline void append16(std::string& s, std::uint16_t v) {
  append8(s, static_cast<std::uint8_t>(v >> 8));
  append8(s, static_cast<std::uint8_t>(v & 0xFF));
}
inline void append32(std::string& s, std::uint32_t v) {
  append16(s, static_cast<std::uint16_t>(v >> 16));
  append16(s, static_cast<std::uint16_t>(v & 0xFFFF));
}

// A 16- or 32-bit value as network-order octets (option data, magic numbers, addresses).
inline std::string be16(std::uint16_t v) {
  std::string s;
  append16(s, v);
  return s;
}
inline std::string be32(std::uint32_t v) {
  std::string s;
  append32(s, v);
  return s;
}

}  // namespace cellemu::net::ppp
