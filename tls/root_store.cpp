#include "tls/root_store.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace cellemu::tls {

std::shared_ptr<const RootStore> RootStore::load_file(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = fmt::format("cannot read the CA bundle {}", path);
    return nullptr;
  }
  std::stringstream text;
  text << in.rdbuf();
  return from_pem(text.str(), path, error);
}

std::shared_ptr<const RootStore> RootStore::from_pem(std::string_view pem, std::string origin,
                                                     std::string& error) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  X509_STORE* store = X509_STORE_new();
  std::size_t count = 0;
  // Reads certificates until the text ends; anything that is not one (comments, keys) is skipped
  // by the PEM reader, a broken certificate ends the walk.
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    if (X509_STORE_add_cert(store, cert) == 1) ++count;
    X509_free(cert);
  }
  ERR_clear_error();
  if (count == 0) {
    X509_STORE_free(store);
    error = fmt::format("{} holds no PEM certificate", origin);
    return nullptr;
  }
  return std::shared_ptr<const RootStore>(new RootStore(store, count, std::move(origin)));
}

RootStore::~RootStore() {
  X509_STORE_free(store_);
}

void RootStore::apply(SSL_CTX* ctx) const {
  X509_STORE_up_ref(store_);
  SSL_CTX_set_cert_store(ctx, store_);
}

}  // namespace cellemu::tls
