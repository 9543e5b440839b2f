#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/clock.h"

namespace cellemu::tls {

class RootStore;

enum class TlsVersion { Ssl3, Tls10, Tls11, Tls12, Tls13 };

enum class Verify {
  None,    // seclevel 0: no authentication
  Server,  // seclevel 1: the server's chain against the CA (and its name, when one was given)
  Mutual,  // seclevel 2: as 1, and the module presents its certificate when asked
};

// One link's TLS settings, vendor-neutral: the models translate their SSLCFG parameters and read
// the certificate files from the module file system into this.
struct TlsConfig {
  // A single protocol version; nullopt = every version the module's stack speaks.
  std::optional<TlsVersion> version;
  // The newest version "all" includes. The modules' TLS stacks stop at TLS 1.2 (knob).
  TlsVersion newest = TlsVersion::Tls12;
  // IANA cipher suite ids (0x0035 ...); empty = all.
  std::vector<std::uint16_t> cipher_suites;
  Verify verify = Verify::None;
  // The CA file the host configured; empty: the module's built-in roots (when there are any).
  std::string ca_pem;
  std::shared_ptr<const RootStore> roots;
  std::string cert_pem;
  std::string key_pem;
  // SNI, and the name the server certificate must carry when verifying; empty = none.
  std::string server_name;
  bool ignore_time = false;
  std::optional<core::Duration> handshake_timeout;
};

// OpenSSL's name for one of the suites the modules list (S0 FAQ 11, S3 §2.4); nullptr if unknown.
const char* openssl_cipher_name(std::uint16_t suite);
const char* iana_cipher_name(std::uint16_t suite);

}  // namespace cellemu::tls
