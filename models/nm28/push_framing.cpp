#include "models/nm28/push_framing.h"

#include <iterator>

#include <fmt/format.h>

namespace cellemu::models::nm28 {

void push_frame(at::Responder& responder, std::string_view urc, int id, std::string_view piece) {
  fmt::basic_memory_buffer<char, 64> line;  // no allocation: pushes are a data path
  fmt::format_to(std::back_inserter(line), "{}: \"recv\",{},{}", urc, id, piece.size());
  responder.urc({line.data(), line.size()}, piece);
}

}  // namespace cellemu::models::nm28
