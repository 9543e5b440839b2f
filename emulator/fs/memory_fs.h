#pragma once

#include <map>

#include "emulator/fs/module_fs.h"

namespace cellemu::fs {

// The default module file system: a map of normalised paths to files and directories.
class MemoryFs final : public ModuleFs {
 public:
  explicit MemoryFs(FsLimits limits) : ModuleFs(limits) {}

  FsError create(const std::string& path) override;
  FsError write(const std::string& path, std::string_view data, bool append) override;
  FsError read(const std::string& path, std::size_t offset, std::size_t max,
               std::string& out) const override;
  FsError remove(const std::string& path) override;
  FsError make_dir(const std::string& path) override;
  FsError remove_dir(const std::string& path) override;
  FsError list(const std::string& dir, std::vector<FsEntry>& out) const override;
  FsError size(const std::string& path, std::size_t& out) const override;
  std::size_t used() const override { return used_; }

 private:
  struct Node {
    bool directory = false;
    std::string data;
  };
  FsError check_parent(const std::string& path) const;

  std::map<std::string, Node> nodes_;
  std::size_t used_ = 0;
};

}  // namespace cellemu::fs
