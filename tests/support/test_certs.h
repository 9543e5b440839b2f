#pragma once

#include <string>
#include <vector>

namespace cellemu::testing {

struct KeyPair {
  std::string cert_pem;
  std::string key_pem;
};

struct CertOptions {
  std::string common_name = "localhost";
  std::vector<std::string> dns_names = {"localhost"};
  std::vector<std::string> ip_addresses = {"127.0.0.1"};
  long valid_from_s = -3600;  // relative to now
  long valid_to_s = 86400;
  bool client = false;
  // P-256 instead of RSA 2048 (much faster to generate; RSA key exchange suites need RSA).
  bool ec_key = false;
  // Reuse this private key (PEM) instead of generating one.
  std::string key_pem;
};

// Certificates made by the test itself with OpenSSL (RSA 2048 or P-256, SHA-256): a CA and leaves
// it signs.
class TestCa {
 public:
  explicit TestCa(const std::string& name = "cellemu test CA", bool ec_key = false);
  const std::string& cert_pem() const { return ca_.cert_pem; }
  KeyPair issue(const CertOptions& options) const;

 private:
  KeyPair ca_;
};

}  // namespace cellemu::testing
