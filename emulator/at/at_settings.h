#pragma once

namespace cellemu::at {

// V.250 state every command line is framed by. Owned by the session, read by the assembler and
// the responder, changed by the common commands (E, V, Q, +CMEE, S-registers, &F, Z).
struct AtSettings {
  bool echo = true;
  bool verbose = true;
  bool quiet = false;
  int cmee = 1;
  int s3 = 13;
  int s4 = 10;
  int s5 = 8;
};

}  // namespace cellemu::at
