#include "emulator/fs/host_folder_fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace cellemu::fs {
namespace {
constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

FsError from_errno(int err) {
  switch (err) {
    case ENOENT:
      return FsError::NotFound;
    case EEXIST:
      return FsError::Exists;
    case ELOOP:
      return FsError::InvalidName;  // a symlink where O_NOFOLLOW forbids one
    case EISDIR:
      return FsError::IsDirectory;
    case ENOTDIR:
      return FsError::NotDirectory;
    case ENOTEMPTY:
      return FsError::NotEmpty;
    case ENOSPC:
      return FsError::NoSpace;
    default:
      return FsError::Io;
  }
}

std::size_t tree_size(int dir_fd) {
  const int dup = ::openat(dir_fd, ".", kDirFlags);
  if (dup < 0) return 0;
  DIR* d = ::fdopendir(dup);
  if (!d) {
    ::close(dup);
    return 0;
  }
  std::size_t total = 0;
  while (dirent* e = ::readdir(d)) {
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    struct stat st {};
    if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISREG(st.st_mode)) total += static_cast<std::size_t>(st.st_size);
    if (S_ISDIR(st.st_mode)) {
      UniqueFd sub(::openat(::dirfd(d), e->d_name, kDirFlags));
      if (sub) total += tree_size(sub.get());
    }
  }
  ::closedir(d);
  return total;
}
}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

std::unique_ptr<ModuleFs> ModuleFs::host_folder(const std::string& dir, std::error_code& ec,
                                                FsLimits limits) {
  UniqueFd root(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root) {
    ec = std::error_code(errno, std::generic_category());
    return nullptr;
  }
  return std::make_unique<HostFolderFs>(std::move(root), limits);
}

FsError HostFolderFs::open_dir(const std::string& path, UniqueFd& dir) const {
  dir = UniqueFd(::openat(root_.get(), ".", kDirFlags));
  std::size_t pos = 0;
  while (dir && pos < path.size()) {
    const std::size_t slash = path.find('/', pos);
    const std::string part = path.substr(pos, slash == std::string::npos ? path.npos : slash - pos);
    pos = slash == std::string::npos ? path.size() : slash + 1;
    dir = UniqueFd(::openat(dir.get(), part.c_str(), kDirFlags));
  }
  return dir ? FsError::None : from_errno(errno);
}

FsError HostFolderFs::open_parent(const std::string& path, UniqueFd& dir, std::string& leaf) const {
  if (path.empty()) return FsError::InvalidName;
  const auto slash = path.rfind('/');
  leaf = slash == std::string::npos ? path : path.substr(slash + 1);
  return open_dir(slash == std::string::npos ? std::string() : path.substr(0, slash), dir);
}

FsError HostFolderFs::create(const std::string& path) {
  UniqueFd dir;
  std::string leaf;
  if (auto e = open_parent(path, dir, leaf); e != FsError::None) return e;
  UniqueFd f(::openat(dir.get(), leaf.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC,
                      0644));
  if (f) return FsError::None;
  struct stat st {};
  if (errno == EEXIST && ::fstatat(dir.get(), leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISDIR(st.st_mode)) return FsError::IsDirectory;
    if (!S_ISREG(st.st_mode)) return FsError::InvalidName;
  }
  return from_errno(errno);
}

FsError HostFolderFs::write(const std::string& path, std::string_view data, bool append) {
  UniqueFd dir;
  std::string leaf;
  if (auto e = open_parent(path, dir, leaf); e != FsError::None) return e;
  UniqueFd f(::openat(dir.get(), leaf.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!f) return from_errno(errno);
  struct stat st {};
  if (::fstat(f.get(), &st) != 0 || !S_ISREG(st.st_mode)) return FsError::InvalidName;
  const auto current = static_cast<std::size_t>(st.st_size);
  const std::size_t after = (append ? current : 0) + data.size();
  if (used() - current + after > limits_.capacity) return FsError::NoSpace;
  if (!append && ::ftruncate(f.get(), 0) != 0) return FsError::Io;
  off_t offset = append ? static_cast<off_t>(current) : 0;
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::pwrite(f.get(), data.data() + done, data.size() - done, offset);
    if (n <= 0) return FsError::Io;
    done += static_cast<std::size_t>(n);
    offset += n;
  }
  return FsError::None;
}

FsError HostFolderFs::read(const std::string& path, std::size_t offset, std::size_t max,
                           std::string& out) const {
  UniqueFd dir;
  std::string leaf;
  if (auto e = open_parent(path, dir, leaf); e != FsError::None) return e;
  UniqueFd f(::openat(dir.get(), leaf.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!f) return from_errno(errno);
  struct stat st {};
  if (::fstat(f.get(), &st) != 0) return FsError::Io;
  if (S_ISDIR(st.st_mode)) return FsError::IsDirectory;
  if (!S_ISREG(st.st_mode)) return FsError::InvalidName;
  const auto size = static_cast<std::size_t>(st.st_size);
  out.clear();
  if (offset >= size) return FsError::None;
  out.resize(std::min(max, size - offset));
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n =
        ::pread(f.get(), out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  out.resize(done);
  return FsError::None;
}

FsError HostFolderFs::remove(const std::string& path) {
  UniqueFd dir;
  std::string leaf;
  if (auto e = open_parent(path, dir, leaf); e != FsError::None) return e;
  struct stat st {};
  if (::fstatat(dir.get(), leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return from_errno(errno);
  if (S_ISDIR(st.st_mode)) return FsError::IsDirectory;
  if (!S_ISREG(st.st_mode)) return FsError::InvalidName;
  return ::unlinkat(dir.get(), leaf.c_str(), 0) == 0 ? FsError::None : from_errno(errno);
}

FsError HostFolderFs::make_dir(const std::string& path) {
  UniqueFd dir;
  std::string leaf;
  if (auto e = open_parent(path, dir, leaf); e != FsError::None) return e;
  return ::mkdirat(dir.get(), leaf.c_str(), 0755) == 0 ? FsError::None : from_errno(errno);
}

FsError HostFolderFs::remove_dir(const std::string& path) {
  UniqueFd dir;
  std::string leaf;
  if (auto e = open_parent(path, dir, leaf); e != FsError::None) return e;
  struct stat st {};
  if (::fstatat(dir.get(), leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return from_errno(errno);
  if (!S_ISDIR(st.st_mode)) return FsError::NotDirectory;
  return ::unlinkat(dir.get(), leaf.c_str(), AT_REMOVEDIR) == 0 ? FsError::None : from_errno(errno);
}

FsError HostFolderFs::list(const std::string& path, std::vector<FsEntry>& out) const {
  out.clear();
  UniqueFd dir;
  if (auto e = open_dir(path, dir); e != FsError::None) return e;
  DIR* d = ::fdopendir(dir.release());
  if (!d) return FsError::Io;
  while (dirent* e = ::readdir(d)) {
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    struct stat st {};
    if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) continue;  // symlinks stay invisible
    out.push_back({std::string(name), S_ISDIR(st.st_mode), static_cast<std::size_t>(st.st_size)});
  }
  ::closedir(d);
  std::sort(out.begin(), out.end(),
            [](const FsEntry& a, const FsEntry& b) { return a.name < b.name; });
  return FsError::None;
}

FsError HostFolderFs::size(const std::string& path, std::size_t& out) const {
  UniqueFd dir;
  std::string leaf;
  if (auto e = open_parent(path, dir, leaf); e != FsError::None) return e;
  struct stat st {};
  if (::fstatat(dir.get(), leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return from_errno(errno);
  if (S_ISDIR(st.st_mode)) return FsError::IsDirectory;
  if (!S_ISREG(st.st_mode)) return FsError::InvalidName;
  out = static_cast<std::size_t>(st.st_size);
  return FsError::None;
}

std::size_t HostFolderFs::used() const {
  return tree_size(root_.get());
}

}  // namespace cellemu::fs
