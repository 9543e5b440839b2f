#include "emulator/port/symlink_guard.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace cellemu::port {

SymlinkGuard& SymlinkGuard::operator=(SymlinkGuard&& other) noexcept {
  if (this != &other) {
    remove();
    link_ = std::move(other.link_);
    target_ = std::move(other.target_);
    other.link_.clear();
  }
  return *this;
}

std::error_code SymlinkGuard::create(const std::string& link, const std::string& target) {
  struct stat st {};
  if (::lstat(link.c_str(), &st) == 0 && !S_ISLNK(st.st_mode)) {
    return std::make_error_code(std::errc::file_exists);
  }
  const std::string tmp = link + ".tmp" + std::to_string(::getpid());
  ::unlink(tmp.c_str());
  if (::symlink(target.c_str(), tmp.c_str()) != 0) {
    return std::error_code(errno, std::generic_category());
  }
  if (::rename(tmp.c_str(), link.c_str()) != 0) {
    const std::error_code ec(errno, std::generic_category());
    ::unlink(tmp.c_str());
    return ec;
  }
  link_ = link;
  target_ = target;
  return {};
}

void SymlinkGuard::remove() {
  if (link_.empty()) return;
  std::error_code ec;
  if (std::filesystem::read_symlink(link_, ec) == target_ && !ec) ::unlink(link_.c_str());
  link_.clear();
}

}  // namespace cellemu::port
