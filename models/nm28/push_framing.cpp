#include "models/nm28/push_framing.h"

#include <fmt/format.h>

namespace cellemu::models::nm28 {

void push_frames(at::Responder& responder, std::string_view urc, int id, std::string_view data) {
  while (!data.empty()) {
    const std::string_view piece = data.substr(0, kPushChunk);
    responder.urc(fmt::format("{}: \"recv\",{},{}", urc, id, piece.size()), piece);
    data.remove_prefix(piece.size());
  }
}

}  // namespace cellemu::models::nm28
