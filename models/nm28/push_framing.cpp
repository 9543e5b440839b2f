#include "models/nm28/push_framing.h"

#include <iterator>

#include <fmt/format.h>

namespace cellemu::models::nm28 {

void push_frames(at::Responder& responder, std::string_view urc, int id, std::string_view data) {
  while (!data.empty()) {
    const std::string_view piece = data.substr(0, kPushChunk);
    fmt::basic_memory_buffer<char, 64> line;  // no allocation: pushes are a data path
    fmt::format_to(std::back_inserter(line), "{}: \"recv\",{},{}", urc, id, piece.size());
    responder.urc({line.data(), line.size()}, piece);
    data.remove_prefix(piece.size());
  }
}

}  // namespace cellemu::models::nm28
