#pragma once

#include <cstddef>
#include <string_view>

#include "emulator/at/responder.h"

namespace cellemu::models::nm28 {

// Push mode frames at most this much payload per URC (design.md, nm28.md §3.7).
inline constexpr std::size_t kPushChunk = 1460;

// Access mode 1: "<urc>: \"recv\",<id>,<len>\r\n<payload>" for every kPushChunk bytes of `data`,
// nothing after the payload (OQ-52); `urc` is "+IPURC" or "+SSLURC".
void push_frames(at::Responder& responder, std::string_view urc, int id, std::string_view data);

}  // namespace cellemu::models::nm28
