#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {

at::Outcome answer_after(Air780epModel& m, at::CommandContext& ctx, core::Duration delay,
                         std::function<at::Final(const at::Deferred&)> result) {
  const at::Deferred d = ctx.defer();
  auto run = [d, result = std::move(result)] { d.finish(result(d)); };
  if (delay <= core::Duration::zero()) {
    run();  // the engine takes a result given before the handler returns as an immediate one
  } else {
    m.stack().command_timer().start(delay, std::move(run));
  }
  return at::Outcome::pending();
}

}  // namespace cellemu::models::air780ep
