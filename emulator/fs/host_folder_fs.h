#pragma once

#include "emulator/fs/module_fs.h"

namespace cellemu::fs {

// An owned file descriptor.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept;
  ~UniqueFd();
  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// The module file system on a host folder (--fs-dir). Every path is walked from the root one
// component at a time with openat(O_NOFOLLOW): symlinks (planted by anyone) are refused, never
// followed, so nothing outside the folder is read, written or listed.
class HostFolderFs final : public ModuleFs {
 public:
  HostFolderFs(UniqueFd root, FsLimits limits) : ModuleFs(limits), root_(std::move(root)) {}

  FsError create(const std::string& path) override;
  FsError write(const std::string& path, std::string_view data, bool append) override;
  FsError read(const std::string& path, std::size_t offset, std::size_t max,
               std::string& out) const override;
  FsError remove(const std::string& path) override;
  FsError make_dir(const std::string& path) override;
  FsError remove_dir(const std::string& path) override;
  FsError list(const std::string& dir, std::vector<FsEntry>& out) const override;
  FsError size(const std::string& path, std::size_t& out) const override;
  std::size_t used() const override;

 private:
  // The directory holding `path`'s last component, and that component.
  FsError open_parent(const std::string& path, UniqueFd& dir, std::string& leaf) const;
  FsError open_dir(const std::string& path, UniqueFd& dir) const;

  UniqueFd root_;
};

}  // namespace cellemu::fs
