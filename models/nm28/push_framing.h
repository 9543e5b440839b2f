#pragma once

#include <string_view>

#include "emulator/at/responder.h"

namespace cellemu::models::nm28 {

// Access mode 1: one "<urc>: \"recv\",<id>,<len>\r\n<payload>" push of at most one segment
// (ModuleSockets::push cuts received data into them), nothing after the payload (OQ-52); `urc` is
// "+IPURC" or "+SSLURC".
void push_frame(at::Responder& responder, std::string_view urc, int id, std::string_view piece);

}  // namespace cellemu::models::nm28
