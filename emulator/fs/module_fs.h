#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace cellemu::fs {

enum class FsError {
  None,
  InvalidName,
  NotFound,
  Exists,
  NoSpace,
  TooLarge,
  IsDirectory,
  NotDirectory,
  NotEmpty,
  Io
};

std::string_view describe(FsError error);

struct FsLimits {
  std::size_t capacity = 64100;  // LT trace: "+FSMEM: 64100 bytes"
  std::size_t max_name = 64;     // LM FS/*.md: names up to 64 bytes
  std::size_t max_entries = 128;
  std::size_t max_depth = 8;
};

struct FsEntry {
  std::string name;
  bool directory = false;
  std::size_t size = 0;
};

// The module's own file system, where certificates and keys are uploaded. A sandbox: module paths
// ("server.crt", "/dir/f.txt", "C:/dir/f.txt") are normalised to a relative path with no "..",
// no "." and no empty components before anything is touched, and the host-folder backend opens
// every component with O_NOFOLLOW, so no name reaches outside the root. Sizes are checked before
// any allocation.
class ModuleFs {
 public:
  virtual ~ModuleFs() = default;

  // In memory: gone when the emulator stops (the default).
  static std::unique_ptr<ModuleFs> in_memory(FsLimits limits = {});
  // Backed by a host folder (--fs-dir): survives restarts, can be preloaded.
  static std::unique_ptr<ModuleFs> host_folder(const std::string& dir, std::error_code& ec,
                                               FsLimits limits = {});

  // "C:/a/b.txt" -> "a/b.txt"; "/" and "C:/" -> "" (the root); nullopt if not a safe name.
  std::optional<std::string> normalize(std::string_view module_path) const;

  virtual FsError create(const std::string& path) = 0;
  virtual FsError write(const std::string& path, std::string_view data, bool append) = 0;
  virtual FsError read(const std::string& path, std::size_t offset, std::size_t max,
                       std::string& out) const = 0;
  virtual FsError remove(const std::string& path) = 0;
  virtual FsError make_dir(const std::string& path) = 0;
  virtual FsError remove_dir(const std::string& path) = 0;
  virtual FsError list(const std::string& dir, std::vector<FsEntry>& out) const = 0;
  virtual FsError size(const std::string& path, std::size_t& out) const = 0;
  virtual std::size_t used() const = 0;
  std::size_t free_space() const;
  const FsLimits& limits() const { return limits_; }

  // Reads a whole file given by its module name (certificates for TLS).
  std::optional<std::string> load(std::string_view module_path) const;

 protected:
  explicit ModuleFs(FsLimits limits) : limits_(limits) {}
  FsLimits limits_;
};

}  // namespace cellemu::fs
