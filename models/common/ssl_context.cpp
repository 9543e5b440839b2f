#include "models/common/ssl_context.h"

#include <algorithm>
#include <cctype>
#include <variant>

#include <fmt/format.h>

#include "emulator/core/logging.h"
#include "tls/tls_stream_factory.h"

namespace cellemu::models {
namespace {

// The suites the modules list (S0 FAQ 11, S3 §2.4), 0XFFFF = all.
constexpr std::uint16_t kSuites[] = {0x0035, 0x002F, 0x0005, 0x0004, 0x000A, 0x003D, 0xFFFF};
constexpr std::size_t kMaxHostName = 253;             // the longest DNS name
constexpr std::size_t kMaxPremasterHex = 96;          // a TLS premaster secret is 48 bytes
constexpr std::size_t kClientRandomHex[] = {56, 64};  // LM SSLCFG.md: 56 or 64 hex characters

bool is_hex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// Printable ASCII without quotes: what a quoted AT string value can carry.
bool is_plain_text(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7f && c != '"';
  });
}

// "0X0035" / "0x35": one of the listed suites.
std::optional<std::uint16_t> parse_suite(std::string_view text) {
  if (text.size() < 3 || text.size() > 6 || text[0] != '0' || (text[1] != 'X' && text[1] != 'x')) {
    return std::nullopt;
  }
  text.remove_prefix(2);
  if (!is_hex(text)) return std::nullopt;
  const auto value = static_cast<std::uint16_t>(std::stoul(std::string(text), nullptr, 16));
  if (std::find(std::begin(kSuites), std::end(kSuites), value) == std::end(kSuites)) {
    return std::nullopt;
  }
  return value;
}

// A listed suite the host's OpenSSL cannot negotiate (RC4, 3DES on Debian's OpenSSL 3) is refused
// here, as the module refuses a suite it does not know, rather than accepted and failing every
// connect later with a reason the host never sees (issue 17).
bool usable(std::uint16_t suite) {
  if (suite == SslContext::kAllSuites || tls::cipher_suite_available(suite)) return true;
  core::logger("tls")->warn(
      "AT+SSLCFG ciphersuite 0X{:04X} ({}) refused with ERROR: this host's OpenSSL cannot "
      "negotiate it (RC4 and 3DES suites are not built in)",
      suite, tls::iana_cipher_name(suite));
  return false;
}

// A module file name: kept as given when the file system would accept it (no "..", no absolute
// host paths, no control bytes, at most 64 bytes). Whether the file exists is checked when a link
// opens, as the module reads it then.
bool set_file(std::string& out, std::string_view name, const fs::ModuleFs& fs) {
  const auto path = fs.normalize(name);
  if (!path || path->empty()) return false;
  out = std::string(name);
  return true;
}

bool set_int(int& out, const at::AtArgs& args, std::size_t i, int lo, int hi) {
  const auto v = args.int_in(i, lo, hi);
  if (!v) return false;
  out = *v;
  return true;
}

bool set_flag(bool& out, const at::AtArgs& args, std::size_t i) {
  int v = 0;
  if (!set_int(v, args, i, 0, 1)) return false;
  out = v == 1;
  return true;
}

bool set_hex(std::string& out, std::string_view text, bool client_random) {
  if (!is_hex(text)) return false;
  const bool ok = client_random
                      ? std::find(std::begin(kClientRandomHex), std::end(kClientRandomHex),
                                  text.size()) != std::end(kClientRandomHex)
                      : text.size() % 2 == 0 && text.size() <= kMaxPremasterHex;
  if (ok) out = std::string(text);
  return ok;
}

// The member of SslContext that holds `param`.
using Field = std::variant<int SslContext::*, bool SslContext::*, std::uint16_t SslContext::*,
                           std::string SslContext::*>;
Field field_of(SslParam param) {
  switch (param) {
    case SslParam::Version:
      return &SslContext::version;
    case SslParam::CipherSuite:
      return &SslContext::cipher_suite;
    case SslParam::CaCert:
      return &SslContext::ca_cert;
    case SslParam::ClientCert:
      return &SslContext::client_cert;
    case SslParam::ClientKey:
      return &SslContext::client_key;
    case SslParam::SecLevel:
      return &SslContext::sec_level;
    case SslParam::HostName:
      return &SslContext::host_name;
    case SslParam::IgnoreLocalTime:
      return &SslContext::ignore_local_time;
    case SslParam::NegotiateTime:
      return &SslContext::negotiate_s;
    case SslParam::ClientRandom:
      return &SslContext::client_random;
    case SslParam::Premaster:
      return &SslContext::premaster;
    case SslParam::VerifyMode:
      return &SslContext::verify_mode;
  }
  return &SslContext::version;
}

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

}  // namespace

bool set_ssl_param(SslContext& ctx, SslParam param, const at::AtArgs& args, std::size_t i,
                   const fs::ModuleFs& fs) {
  const std::string_view text = args.text(i);
  switch (param) {
    case SslParam::Version:
      if (!set_int(ctx.version, args, i, 0, SslContext::kAllVersions)) return false;
      ctx.version_set = true;
      return true;
    case SslParam::CipherSuite: {
      const auto suite = parse_suite(text);
      if (!suite || !usable(*suite)) return false;
      ctx.cipher_suite = *suite;
      return true;
    }
    case SslParam::CaCert:
      return set_file(ctx.ca_cert, text, fs);
    case SslParam::ClientCert:
      return set_file(ctx.client_cert, text, fs);
    case SslParam::ClientKey:
      return set_file(ctx.client_key, text, fs);
    case SslParam::SecLevel:
      return set_int(ctx.sec_level, args, i, 0, 2);
    case SslParam::HostName:
      if (text.empty() || text.size() > kMaxHostName || !is_plain_text(text)) return false;
      ctx.host_name = std::string(text);
      return true;
    case SslParam::IgnoreLocalTime:
      return set_flag(ctx.ignore_local_time, args, i);
    case SslParam::NegotiateTime:
      return set_int(ctx.negotiate_s, args, i, 10, 300);  // S3 §2.4, LM SSLCFG.md
    case SslParam::ClientRandom:
      return set_hex(ctx.client_random, text, true);
    case SslParam::Premaster:
      return set_hex(ctx.premaster, text, false);
    case SslParam::VerifyMode:
      return set_int(ctx.verify_mode, args, i, 0, 1);
  }
  return false;
}

void erase_ssl_param(SslContext& ctx, SslParam param) {
  static const SslContext fresh;
  std::visit([&](auto member) { ctx.*member = fresh.*member; }, field_of(param));
  if (param == SslParam::Version) ctx.version_set = false;
}

std::string ssl_param_value(const SslContext& ctx, SslParam param) {
  switch (param) {
    case SslParam::Version:
      return std::to_string(ctx.version);
    case SslParam::CipherSuite:
      return fmt::format("0X{:04X}", ctx.cipher_suite);  // S0 spelling
    case SslParam::CaCert:
      return quoted(ctx.ca_cert);
    case SslParam::ClientCert:
      return quoted(ctx.client_cert);
    case SslParam::ClientKey:
      return quoted(ctx.client_key);
    case SslParam::SecLevel:
      return std::to_string(ctx.sec_level);
    case SslParam::HostName:
      return quoted(ctx.host_name);
    case SslParam::IgnoreLocalTime:
      return ctx.ignore_local_time ? "1" : "0";
    case SslParam::NegotiateTime:
      return std::to_string(ctx.negotiate_s);
    case SslParam::ClientRandom:
      return quoted(ctx.client_random);
    case SslParam::Premaster:
      return quoted(ctx.premaster);
    case SslParam::VerifyMode:
      return std::to_string(ctx.verify_mode);
  }
  return {};
}

}  // namespace cellemu::models
