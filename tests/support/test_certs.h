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
};

// Certificates made by the test itself with OpenSSL (RSA 2048, SHA-256): a CA and leaves it signs.
class TestCa {
 public:
  explicit TestCa(const std::string& name = "cellemu test CA");
  const std::string& cert_pem() const { return ca_.cert_pem; }
  KeyPair issue(const CertOptions& options) const;

 private:
  KeyPair ca_;
};

}  // namespace cellemu::testing
