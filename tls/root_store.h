#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <openssl/ssl.h>

namespace cellemu::tls {

// The certificates a module trusts when no CA file is configured: its built-in root store. One
// per process (the host's system bundle, or --ca-bundle), parsed once and shared read-only by the
// OpenSSL context of every link that verifies without a cacert.
class RootStore {
 public:
  // nullptr and a reason when the file cannot be read or holds no certificate.
  static std::shared_ptr<const RootStore> load_file(const std::string& path, std::string& error);
  // The same from PEM text (tests, and the file's contents); `origin` names it in logs.
  static std::shared_ptr<const RootStore> from_pem(std::string_view pem, std::string origin,
                                                   std::string& error);

  ~RootStore();
  RootStore(const RootStore&) = delete;
  RootStore& operator=(const RootStore&) = delete;

  std::size_t size() const { return count_; }
  const std::string& origin() const { return origin_; }
  // Makes `ctx` verify peers against these roots (shares the store: OpenSSL counts references).
  void apply(SSL_CTX* ctx) const;

 private:
  RootStore(X509_STORE* store, std::size_t count, std::string origin)
      : store_(store), count_(count), origin_(std::move(origin)) {}

  X509_STORE* store_;
  std::size_t count_;
  std::string origin_;
};

}  // namespace cellemu::tls
