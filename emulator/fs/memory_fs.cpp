#include "emulator/fs/memory_fs.h"

namespace cellemu::fs {

std::unique_ptr<ModuleFs> ModuleFs::in_memory(FsLimits limits) {
  return std::make_unique<MemoryFs>(limits);
}

FsError MemoryFs::check_parent(const std::string& path) const {
  if (path.empty()) return FsError::InvalidName;
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return FsError::None;
  const auto it = nodes_.find(path.substr(0, slash));
  if (it == nodes_.end()) return FsError::NotFound;
  return it->second.directory ? FsError::None : FsError::NotDirectory;
}

FsError MemoryFs::create(const std::string& path) {
  if (auto e = check_parent(path); e != FsError::None) return e;
  if (auto it = nodes_.find(path); it != nodes_.end()) {
    return it->second.directory ? FsError::IsDirectory : FsError::Exists;
  }
  if (nodes_.size() >= limits_.max_entries) return FsError::NoSpace;
  nodes_.emplace(path, Node{});
  return FsError::None;
}

FsError MemoryFs::write(const std::string& path, std::string_view data, bool append) {
  auto it = nodes_.find(path);
  if (it == nodes_.end()) return FsError::NotFound;
  if (it->second.directory) return FsError::IsDirectory;
  std::string& content = it->second.data;
  const std::size_t after = (append ? content.size() : 0) + data.size();
  if (used_ - content.size() + after > limits_.capacity) return FsError::NoSpace;
  used_ -= content.size();
  if (!append) content.clear();
  content.append(data);
  used_ += content.size();
  return FsError::None;
}

FsError MemoryFs::read(const std::string& path, std::size_t offset, std::size_t max,
                       std::string& out) const {
  const auto it = nodes_.find(path);
  if (it == nodes_.end()) return FsError::NotFound;
  if (it->second.directory) return FsError::IsDirectory;
  const std::string& content = it->second.data;
  out = offset >= content.size() ? std::string() : content.substr(offset, max);
  return FsError::None;
}

FsError MemoryFs::remove(const std::string& path) {
  const auto it = nodes_.find(path);
  if (it == nodes_.end()) return FsError::NotFound;
  if (it->second.directory) return FsError::IsDirectory;
  used_ -= it->second.data.size();
  nodes_.erase(it);
  return FsError::None;
}

FsError MemoryFs::make_dir(const std::string& path) {
  if (auto e = check_parent(path); e != FsError::None) return e;
  if (nodes_.contains(path)) return FsError::Exists;
  if (nodes_.size() >= limits_.max_entries) return FsError::NoSpace;
  nodes_.emplace(path, Node{.directory = true});
  return FsError::None;
}

FsError MemoryFs::remove_dir(const std::string& path) {
  const auto it = nodes_.find(path);
  if (it == nodes_.end()) return FsError::NotFound;
  if (!it->second.directory) return FsError::NotDirectory;
  const auto child = nodes_.lower_bound(path + "/");
  if (child != nodes_.end() && child->first.starts_with(path + "/")) return FsError::NotEmpty;
  nodes_.erase(it);
  return FsError::None;
}

FsError MemoryFs::list(const std::string& dir, std::vector<FsEntry>& out) const {
  out.clear();
  if (!dir.empty()) {
    const auto it = nodes_.find(dir);
    if (it == nodes_.end()) return FsError::NotFound;
    if (!it->second.directory) return FsError::NotDirectory;
  }
  const std::string prefix = dir.empty() ? "" : dir + "/";
  for (auto it = nodes_.lower_bound(prefix); it != nodes_.end(); ++it) {
    if (!it->first.starts_with(prefix)) break;
    const std::string rest = it->first.substr(prefix.size());
    if (rest.empty() || rest.find('/') != std::string::npos) continue;
    out.push_back({rest, it->second.directory, it->second.data.size()});
  }
  return FsError::None;
}

FsError MemoryFs::size(const std::string& path, std::size_t& out) const {
  const auto it = nodes_.find(path);
  if (it == nodes_.end()) return FsError::NotFound;
  if (it->second.directory) return FsError::IsDirectory;
  out = it->second.data.size();
  return FsError::None;
}

}  // namespace cellemu::fs
