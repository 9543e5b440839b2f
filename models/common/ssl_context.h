#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/at/at_args.h"
#include "emulator/fs/module_fs.h"

namespace cellemu::models {

// The AT+SSLCFG parameters (air780ep.md §6, LM SSLCFG.md; nm28.md §3.4, S3 §2.4). Each model
// accepts its own subset under its own names.
enum class SslParam {
  Version,          // "sslversion" 0 SSL3.0, 1 TLS1.0, 2 TLS1.1, 3 TLS1.2, 4 all
  CipherSuite,      // "ciphersuite" 0X0035 ... 0XFFFF all (S0 FAQ 11)
  CaCert,           // "cacert": a file of the module file system
  ClientCert,       // "clientcert"
  ClientKey,        // "clientkey"
  SecLevel,         // "seclevel" 0 none, 1 server auth, 2 server + client
  HostName,         // "hostname" (Air780EP): SNI and the name the server must carry
  IgnoreLocalTime,  // "ignorelocaltime" 0/1: skip the certificates' validity dates
  NegotiateTime,    // "negotiatetime" (NM28) / "negotiatetimeout" (Air780EP), 10-300 s
  ClientRandom,     // "clientrandom" (Air780EP): 56 or 64 hex characters
  Premaster,        // "premaster" (Air780EP)
  VerifyMode,       // "verifymode" (Air780EP) 0/1
};

// One SSL context as the host configured it. Values the manuals give a default for start at it
// (negotiate time 300 s, S3 §2.4); the rest start at "all" / "none".
struct SslContext {
  static constexpr std::uint16_t kAllSuites = 0xFFFF;
  static constexpr int kAllVersions = 4;
  static constexpr int kDefaultNegotiateS = 300;

  int version = kAllVersions;
  // Whether sslversion was set since power-up (ssl_requires_version, MH V1004 quirk).
  bool version_set = false;
  std::uint16_t cipher_suite = kAllSuites;
  // File names exactly as the host gave them (printed back by the query form, OQ-47).
  std::string ca_cert;
  std::string client_cert;
  std::string client_key;
  int sec_level = 0;
  std::string host_name;
  bool ignore_local_time = false;
  int negotiate_s = kDefaultNegotiateS;
  // Accepted and kept (the query shows them); OpenSSL chooses the client random and the premaster
  // secret itself, so they do not reach the handshake (logged when a link opens).
  std::string client_random;
  std::string premaster;
  int verify_mode = 0;
};

// Sets `param` from the value at args[i]; false (nothing changed) when the module would not take
// the value. File names must be names the module file system accepts (`fs` normalises them).
bool set_ssl_param(SslContext& ctx, SslParam param, const at::AtArgs& args, std::size_t i,
                   const fs::ModuleFs& fs);
// Back to the power-up value (Air780EP erase form "AT+SSLCFG=\"cacert\",0,").
void erase_ssl_param(SslContext& ctx, SslParam param);
// The value as the query form prints it (OQ-47): numbers unquoted, suites as 0X0035, names and
// other strings quoted.
std::string ssl_param_value(const SslContext& ctx, SslParam param);

}  // namespace cellemu::models
