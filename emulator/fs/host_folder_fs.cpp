#include "emulator/fs/host_folder_fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace cellemu::fs {
namespace {
// O_NOFOLLOW: a symlink is refused, never followed. O_NONBLOCK: a FIFO (or a device) named like
// a file cannot block the thread in open(), which would stall every modem of its shard.
constexpr int kOpenFlags = O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;

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
    case ENXIO:  // a FIFO without a reader, opened for writing without blocking
      return FsError::InvalidName;
    default:
      return FsError::Io;
  }
}

// Only regular files and directories are the module's. A file with more than one name may be a
// hard link to a file outside the folder (made by anyone who can write it): not the module's
// either, like a symlink.
FsError check_kind(const struct stat& st, HostFolderFs::Kind kind) {
  if (S_ISDIR(st.st_mode)) {
    return kind == HostFolderFs::Kind::Directory ? FsError::None : FsError::IsDirectory;
  }
  if (!S_ISREG(st.st_mode) || st.st_nlink > 1) return FsError::InvalidName;
  return kind == HostFolderFs::Kind::File ? FsError::None : FsError::NotDirectory;
}

FsError stat_entry(int dir, const char* name, struct stat& st) {
  return ::fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? FsError::None : from_errno(errno);
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
  // The folder itself is named by whoever started cellemu (trusted): it may be a symlink.
  // O_DIRECTORY fails on anything else before it could block.
  UniqueFd root(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root) {
    ec = std::error_code(errno, std::generic_category());
    return nullptr;
  }
  return std::make_unique<HostFolderFs>(std::move(root), limits);
}

// Every open inside the folder comes here. The kind is checked on the name first, so a FIFO or
// a device is never opened at all, then on the descriptor, since the name may have been swapped
// in between.
FsError HostFolderFs::open_at(int dir, const std::string& name, int flags, Kind kind,
                              UniqueFd& out) {
  if ((flags & O_CREAT) == 0) {
    struct stat st {};
    if (auto e = stat_entry(dir, name.c_str(), st); e != FsError::None) return e;
    if (auto e = check_kind(st, kind); e != FsError::None) return e;
  }
  const int type = kind == Kind::Directory ? O_DIRECTORY : 0;
  UniqueFd fd(::openat(dir, name.c_str(), flags | type | kOpenFlags, 0644));
  if (!fd) return from_errno(errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return FsError::Io;
  if (auto e = check_kind(st, kind); e != FsError::None) return e;
  out = std::move(fd);
  return FsError::None;
}

FsError HostFolderFs::open_dir(const std::string& path, UniqueFd& dir) const {
  if (auto e = open_at(root_.get(), ".", O_RDONLY, Kind::Directory, dir); e != FsError::None) {
    return e;
  }
  std::size_t pos = 0;
  while (pos < path.size()) {
    const std::size_t slash = path.find('/', pos);
    const std::string part = path.substr(pos, slash == std::string::npos ? path.npos : slash - pos);
    pos = slash == std::string::npos ? path.size() : slash + 1;
    UniqueFd next;
    if (auto e = open_at(dir.get(), part, O_RDONLY, Kind::Directory, next); e != FsError::None) {
      return e;
    }
    dir = std::move(next);
  }
  return FsError::None;
}

FsError HostFolderFs::open_parent(const std::string& path, UniqueFd& dir, std::string& leaf) const {
  if (path.empty()) return FsError::InvalidName;
  const auto slash = path.rfind('/');
  leaf = slash == std::string::npos ? path : path.substr(slash + 1);
  return open_dir(slash == std::string::npos ? std::string() : path.substr(0, slash), dir);
}

FsError HostFolderFs::open_file(const std::string& path, int flags, UniqueFd& file) const {
  UniqueFd dir;
  std::string leaf;
  if (auto e = open_parent(path, dir, leaf); e != FsError::None) return e;
  return open_at(dir.get(), leaf, flags, Kind::File, file);
}

// What the module can see from `dir` down: its regular files and directories, down to the
// deepest path a module name can have.
void HostFolderFs::tally(int dir_fd, std::size_t depth, Usage& usage) const {
  UniqueFd dup;
  if (open_at(dir_fd, ".", O_RDONLY, Kind::Directory, dup) != FsError::None) return;
  DIR* d = ::fdopendir(dup.release());
  if (!d) return;
  while (dirent* e = ::readdir(d)) {
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    struct stat st {};
    if (stat_entry(::dirfd(d), e->d_name, st) != FsError::None) continue;
    if (check_kind(st, Kind::File) == FsError::None) {
      usage.bytes += static_cast<std::size_t>(st.st_size);
      ++usage.entries;
    } else if (S_ISDIR(st.st_mode)) {
      ++usage.entries;
      UniqueFd sub;
      if (depth < limits_.max_depth &&
          open_at(::dirfd(d), e->d_name, O_RDONLY, Kind::Directory, sub) == FsError::None) {
        tally(sub.get(), depth + 1, usage);
      }
    }
  }
  ::closedir(d);
}

HostFolderFs::Usage HostFolderFs::usage() const {
  Usage u;
  tally(root_.get(), 1, u);
  return u;
}

// A new name must exist neither as a file nor as anything else, and fit the entry quota
// (FsLimits::max_entries, the same as the in-memory file system's).
FsError HostFolderFs::check_new(int dir, const std::string& leaf) const {
  struct stat st {};
  const FsError e = stat_entry(dir, leaf.c_str(), st);
  if (e == FsError::None) {
    if (S_ISDIR(st.st_mode)) return FsError::IsDirectory;
    return S_ISREG(st.st_mode) ? FsError::Exists : FsError::InvalidName;
  }
  if (e != FsError::NotFound) return e;
  return usage().entries >= limits_.max_entries ? FsError::NoSpace : FsError::None;
}

FsError HostFolderFs::create(const std::string& path) {
  UniqueFd dir;
  std::string leaf;
  if (auto e = open_parent(path, dir, leaf); e != FsError::None) return e;
  if (auto e = check_new(dir.get(), leaf); e != FsError::None) return e;
  UniqueFd f;
  return open_at(dir.get(), leaf, O_CREAT | O_EXCL | O_WRONLY, Kind::File, f);
}

FsError HostFolderFs::write(const std::string& path, std::string_view data, bool append) {
  UniqueFd f;
  if (auto e = open_file(path, O_WRONLY, f); e != FsError::None) return e;
  struct stat st {};
  if (::fstat(f.get(), &st) != 0) return FsError::Io;
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
  UniqueFd f;
  if (auto e = open_file(path, O_RDONLY, f); e != FsError::None) return e;
  struct stat st {};
  if (::fstat(f.get(), &st) != 0) return FsError::Io;
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
  if (auto e = stat_entry(dir.get(), leaf.c_str(), st); e != FsError::None) return e;
  if (auto e = check_kind(st, Kind::File); e != FsError::None) return e;
  return ::unlinkat(dir.get(), leaf.c_str(), 0) == 0 ? FsError::None : from_errno(errno);
}

FsError HostFolderFs::make_dir(const std::string& path) {
  UniqueFd dir;
  std::string leaf;
  if (auto e = open_parent(path, dir, leaf); e != FsError::None) return e;
  if (auto e = check_new(dir.get(), leaf); e != FsError::None) {
    return e == FsError::IsDirectory ? FsError::Exists : e;
  }
  return ::mkdirat(dir.get(), leaf.c_str(), 0755) == 0 ? FsError::None : from_errno(errno);
}

FsError HostFolderFs::remove_dir(const std::string& path) {
  UniqueFd dir;
  std::string leaf;
  if (auto e = open_parent(path, dir, leaf); e != FsError::None) return e;
  struct stat st {};
  if (auto e = stat_entry(dir.get(), leaf.c_str(), st); e != FsError::None) return e;
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
    if (stat_entry(::dirfd(d), e->d_name, st) != FsError::None) continue;
    const bool directory = S_ISDIR(st.st_mode);
    // Symlinks, FIFOs, devices and hard links stay invisible.
    if (!directory && check_kind(st, Kind::File) != FsError::None) continue;
    out.push_back({std::string(name), directory, static_cast<std::size_t>(st.st_size)});
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
  if (auto e = stat_entry(dir.get(), leaf.c_str(), st); e != FsError::None) return e;
  if (auto e = check_kind(st, Kind::File); e != FsError::None) return e;
  out = static_cast<std::size_t>(st.st_size);
  return FsError::None;
}

std::size_t HostFolderFs::used() const {
  return usage().bytes;
}

}  // namespace cellemu::fs
