#pragma once

#include <utility>

#include "emulator/at/result.h"

namespace cellemu::at {

// What a command handler returns: its final result now, a promise to finish later (the handler
// took a Deferred), or an open send window whose handler will produce the result.
class Outcome {
 public:
  enum class Kind { Final, Pending, Window };

  Outcome(Final f) : kind_(Kind::Final), final_(std::move(f)) {}  // NOLINT: implicit by design
  static Outcome pending() { return Outcome(Kind::Pending); }
  static Outcome window() { return Outcome(Kind::Window); }

  Kind kind() const { return kind_; }
  const Final& final() const { return final_; }

 private:
  explicit Outcome(Kind k) : kind_(k), final_(Final::none()) {}
  Kind kind_;
  Final final_;
};

}  // namespace cellemu::at
