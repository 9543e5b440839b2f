#pragma once

#include <string>
#include <system_error>

namespace cellemu::port {

// A stable name for a pty (--link PATH). A stale symlink at PATH is replaced atomically; anything
// that is not a symlink is left alone (error). The link is removed on destruction if it still
// points to our target.
class SymlinkGuard {
 public:
  SymlinkGuard() = default;
  SymlinkGuard(const SymlinkGuard&) = delete;
  SymlinkGuard& operator=(const SymlinkGuard&) = delete;
  SymlinkGuard(SymlinkGuard&& other) noexcept { *this = std::move(other); }
  SymlinkGuard& operator=(SymlinkGuard&& other) noexcept;
  ~SymlinkGuard() { remove(); }

  std::error_code create(const std::string& link, const std::string& target);
  void remove();
  const std::string& link() const { return link_; }

 private:
  std::string link_;
  std::string target_;
};

}  // namespace cellemu::port
