// One cellemu modem on a pty with a TLS stream factory attached (no certificate verification),
// for the TLS data-path benchmarks: the command-line program does not hand the models a TLS
// factory yet, so AT+CIPSSL=1 / AT+IPOPEN ...,1 need this host. Everything else is the program's
// own session, port and engine. Prints the pty path; runs until SIGTERM/SIGINT.
//
//   tls_modem [air780ep|nm28]
#include <csignal>
#include <cstdio>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "emulator/core/asio_timer_service.h"
#include "emulator/core/logging.h"
#include "emulator/port/pty_port.h"
#include "emulator/session/modem_session.h"
#include "models/air780ep/air780ep_model.h"
#include "models/nm28/nm28_model.h"
#include "tls/tls_stream_factory.h"

int main(int argc, char** argv) {
  using namespace cellemu;
  const std::string model = argc > 1 ? argv[1] : "air780ep";
  core::configure_logging("warn", core::LogFormat::Text);
  std::signal(SIGPIPE, SIG_IGN);
  boost::asio::io_context io(1);
  core::AsioTimerService timers(io);
  std::error_code ec;
  auto pty = port::PtyPort::open(io, ec);
  if (!pty) {
    std::fprintf(stderr, "tls_modem: no pty: %s\n", ec.message().c_str());
    return 1;
  }
  session::SessionConfig config;
  if (!models::profile_by_name(model, config.profile)) {
    std::fprintf(stderr, "tls_modem: unknown model %s\n", model.c_str());
    return 2;
  }
  std::string error;
  auto session = session::ModemSession::create(io, timers, pty, std::move(config), &error);
  auto factory = tls::make_stream_factory(tls::TlsConfig{}, error);
  if (!session || !factory) {
    std::fprintf(stderr, "tls_modem: %s\n", error.c_str());
    return 1;
  }
  if (auto* air = dynamic_cast<models::air780ep::Air780epModel*>(&session->model())) {
    air->stack().set_tls_factory(factory);
  } else if (auto* nm28 = dynamic_cast<models::nm28::Nm28Model*>(&session->model())) {
    nm28->set_tls_provider([factory](int) { return factory; });
  }
  session->start();
  std::printf("%s\n", pty->slave_path().c_str());
  std::fflush(stdout);
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&io](const boost::system::error_code&, int) { io.stop(); });
  io.run();
  session.reset();
  io.restart();
  io.poll();
  return 0;
}
