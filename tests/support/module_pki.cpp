#include "tests/support/module_pki.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace cellemu::testing {

namespace {
// A fixed RSA key (tests/data/tls/README.md says why and how it was made).
std::string server_key() {
  std::ifstream in(std::string(CELLEMU_SOURCE_DIR) + "/tests/data/tls/server_rsa2048.key");
  std::stringstream pem;
  pem << in.rdbuf();
  if (pem.str().empty()) throw std::runtime_error("tests/data/tls/server_rsa2048.key missing");
  return pem.str();
}
}  // namespace

ModulePki::ModulePki() {
  CertOptions server_options{.common_name = kServerName,
                             .dns_names = {kServerName, "localhost", "broker.test"},
                             .ip_addresses = {"127.0.0.1", kS3Server},
                             .key_pem = server_key()};
  server = ca.issue(server_options);
  server_options.valid_from_s = -7 * 86400;
  server_options.valid_to_s = -3600;  // ended an hour ago
  expired = ca.issue(server_options);
  client = ca.issue({.common_name = "module-001",
                     .dns_names = {},
                     .ip_addresses = {},
                     .client = true,
                     .ec_key = true});
}

const ModulePki& ModulePki::get() {
  static const ModulePki pki;
  return pki;
}

}  // namespace cellemu::testing
