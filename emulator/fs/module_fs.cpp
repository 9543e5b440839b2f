#include "emulator/fs/module_fs.h"

#include <cctype>

namespace cellemu::fs {

std::string_view describe(FsError error) {
  switch (error) {
    case FsError::None:
      return "ok";
    case FsError::InvalidName:
      return "invalid or unsafe name";
    case FsError::NotFound:
      return "no such file or directory";
    case FsError::Exists:
      return "already exists";
    case FsError::NoSpace:
      return "file system full";
    case FsError::TooLarge:
      return "too large";
    case FsError::IsDirectory:
      return "is a directory";
    case FsError::NotDirectory:
      return "not a directory";
    case FsError::NotEmpty:
      return "directory not empty";
    case FsError::Io:
      return "host I/O error";
  }
  return "error";
}

std::optional<std::string> ModuleFs::normalize(std::string_view path) const {
  if (path.size() > limits_.max_name) return std::nullopt;
  if (path.size() >= 2 && (path[0] == 'C' || path[0] == 'c') && path[1] == ':') {
    path.remove_prefix(2);  // "C:/..." (LM FSDRIVE: the module has one drive, C)
  }
  std::string out;
  std::size_t depth = 0;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const std::size_t slash = path.find('/', pos);
    const std::string_view part =
        path.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
    pos = slash == std::string_view::npos ? path.size() + 1 : slash + 1;
    if (part.empty()) continue;  // leading "/", doubled or trailing slashes
    if (part == "." || part == "..") return std::nullopt;
    for (const char c : part) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' ||
          c == '<' || c == '>' || c == '|') {
        return std::nullopt;
      }
    }
    if (++depth > limits_.max_depth) return std::nullopt;
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

std::size_t ModuleFs::free_space() const {
  const std::size_t u = used();
  return u >= limits_.capacity ? 0 : limits_.capacity - u;
}

std::optional<std::string> ModuleFs::load(std::string_view module_path) const {
  const auto path = normalize(module_path);
  if (!path || path->empty()) return std::nullopt;
  std::string data;
  if (read(*path, 0, limits_.capacity, data) != FsError::None) return std::nullopt;
  return data;
}

}  // namespace cellemu::fs
