#pragma once

#include <string>

#include "tests/support/test_certs.h"

namespace cellemu::testing {

// The certificates the modules' TLS tests use, made once per test program (RSA key generation is
// the slow part): a CA, a server identity for the names and addresses the cases use, the same
// identity expired, a client identity, and a CA that signed none of them.
struct ModulePki {
  // The names a server certificate carries: S0's TLS server, S3's server address, loopback.
  static constexpr const char* kServerName = "tcplab.openluat.com";
  static constexpr const char* kS3Server = "139.159.199.233";

  // P-256 wherever RSA is not needed: key generation stays cheap for every test process.
  TestCa ca{"cellemu test CA", true};
  TestCa other_ca{"some other CA", true};
  KeyPair server;   // RSA: the modules' suites (0X0035 ...) use RSA key exchange
  KeyPair expired;  // the same key (a fixed one), a certificate that ended an hour ago
  KeyPair client;

  static const ModulePki& get();

 private:
  ModulePki();
};

}  // namespace cellemu::testing
