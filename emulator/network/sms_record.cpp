#include "emulator/network/sms_record.h"

#include <fmt/format.h>

#include "emulator/core/json_text.h"

namespace cellemu::network {
namespace {

void append_string(std::string& out, std::string_view key, std::string_view value) {
  out += fmt::format(",\"{}\":\"", key);
  core::append_json_utf8(out, value);
  out += '"';
}

}  // namespace

std::string_view route_name(Route route) {
  switch (route) {
    case Route::Modem:
      return "modem";
    case Route::Injected:
      return "injected";
    case Route::Kept:
      break;
  }
  return "kept";
}

std::string SmsRecord::json() const {
  std::string out = fmt::format("{{\"id\":{}", id);
  append_string(out, "time", time);
  append_string(out, "route", route_name(route));
  append_string(out, "from", from);
  append_string(out, "to", to);
  out += fmt::format(",\"parts\":{}", parts);
  if (!complete) out += ",\"complete\":false";
  if (text) {
    append_string(out, "text", *text);
  } else {
    out += ",\"pdu\":[";
    for (std::size_t i = 0; i < pdus.size(); ++i)
      out += fmt::format("{}\"{}\"", i ? "," : "", pdus[i]);
    out += ']';
  }
  out += '}';
  return out;
}

}  // namespace cellemu::network
