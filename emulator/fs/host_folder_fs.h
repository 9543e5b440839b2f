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
// component at a time, and every component is opened by open_at() alone: O_NOFOLLOW (symlinks,
// planted by anyone, are refused, never followed), O_NONBLOCK (a FIFO cannot hang the thread),
// regular files and directories only, checked on the descriptor, and no file with a second
// name (a hard link to a file elsewhere). Nothing outside the folder is read, written or listed.
// The folder holds no more entries than FsLimits::max_entries, like the in-memory back end.
class HostFolderFs final : public ModuleFs {
 public:
  enum class Kind { File, Directory };

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
  struct Usage {
    std::size_t bytes = 0;
    std::size_t entries = 0;
  };
  // `name` in `dir`, which must be of `kind`; `flags` O_RDONLY, O_WRONLY or O_CREAT | ...
  static FsError open_at(int dir, const std::string& name, int flags, Kind kind, UniqueFd& out);
  // The directory holding `path`'s last component, and that component.
  FsError open_parent(const std::string& path, UniqueFd& dir, std::string& leaf) const;
  FsError open_dir(const std::string& path, UniqueFd& dir) const;
  FsError open_file(const std::string& path, int flags, UniqueFd& file) const;
  FsError check_new(int dir, const std::string& leaf) const;
  void tally(int dir_fd, std::size_t depth, Usage& usage) const;
  Usage usage() const;

  UniqueFd root_;
};

}  // namespace cellemu::fs
