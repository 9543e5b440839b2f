// The legality table of air780ep.md §3.3, one test per row: the command in every state the host
// can reach, with what it answers ("E3" = Error 3 and nothing changes). IP CONFIG and CLOSING last
// only while AT+CIICR / AT+CIPCLOSE are still answering, when the engine holds every new command
// line, so they are checked on the table itself (FullTable).
#include "models/air780ep/ip_state.h"
#include "tests/model/air780ep_test_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

using models::air780ep::IpCommand;
using models::air780ep::IpState;
using models::air780ep::Verdict;

const std::string kE3 = "\r\n+CME ERROR: 3\r\n";
const std::string kIp = "\r\n10.17.70.180\r\n";

enum class Reach { Initial, Start, GprsAct, Status, Connecting, ConnectOk, Closed, PdpDeact };

const char* name(Reach r) {
  static const char* kNames[] = {"IP INITIAL", "IP START",   "IP GPRSACT", "IP STATUS",
                                 "CONNECTING", "CONNECT OK", "CLOSED",     "PDP DEACT"};
  return kNames[static_cast<int>(r)];
}

// A modem driven into one state. Connects wait 100 ms on the manual clock, so CONNECTING holds.
class Bench {
 public:
  explicit Bench(Reach r)
      : t(routed_modem(server, [](models::Profile& p) {
          p.timing = models::Timing::fast();
          p.timing.connect = 100ms;
        })) {
    if (r == Reach::Initial) return;
    t.exchange("AT+CSTT\r", "\r\nOK\r\n");
    if (r == Reach::Start) return;
    t.exchange("AT+CIICR\r", "\r\nOK\r\n");
    if (r == Reach::GprsAct) return;
    t.exchange("AT+CIFSR\r", kIp);
    if (r == Reach::Status) return;
    if (r == Reach::PdpDeact) {
      t.exchange("AT+CGATT=0\r", "\r\nOK\r\n\r\n+PDP: DEACT\r\n");
      return;
    }
    t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n");
    if (r == Reach::Connecting) return;
    t.advance(100ms);
    t.expect("\r\nCONNECT OK\r\n");
    await_connections(t, server, 1);
    if (r == Reach::ConnectOk) return;
    t.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  }

  TcpServer server;
  Transcript t;
};

constexpr Reach kAll[] = {Reach::Initial,    Reach::Start,     Reach::GprsAct, Reach::Status,
                          Reach::Connecting, Reach::ConnectOk, Reach::Closed,  Reach::PdpDeact};

// Sends `command` in every state; `answer(state)` is what the module says.
void check_row(const std::string& command, const std::function<std::string(Reach)>& answer) {
  for (Reach r : kAll) {
    SCOPED_TRACE(std::string(name(r)) + ": " + command);
    Bench b(r);
    b.t.exchange(command, answer(r));
  }
}

bool in(Reach r, std::initializer_list<Reach> set) {
  return std::find(set.begin(), set.end(), r) != set.end();
}

TEST(Air780epLegality, RowCstt) {
  check_row("AT+CSTT\r", [](Reach r) { return r == Reach::Initial ? "\r\nOK\r\n" : kE3; });
}

TEST(Air780epLegality, RowCiicr) {
  check_row("AT+CIICR\r", [](Reach r) { return r == Reach::Start ? "\r\nOK\r\n" : kE3; });
}

TEST(Air780epLegality, RowCifsr) {
  check_row("AT+CIFSR\r", [](Reach r) {
    return in(r, {Reach::Initial, Reach::Start, Reach::PdpDeact}) ? kE3 : kIp;
  });
}

TEST(Air780epLegality, RowCipstart) {
  check_row("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", [](Reach r) -> std::string {
    if (in(r, {Reach::Initial, Reach::Status, Reach::Closed})) return "\r\nOK\r\n";
    if (r == Reach::ConnectOk) return "\r\n+CME ERROR: 65535\r\n\r\nALREADY CONNECT\r\n";
    return kE3;
  });
}

TEST(Air780epLegality, RowCipsend) {
  check_row("AT+CIPSEND\r", [](Reach r) { return r == Reach::ConnectOk ? "\r\n> " : kE3; });
}

TEST(Air780epLegality, RowCipclose) {
  check_row("AT+CIPCLOSE\r", [](Reach r) {
    return in(r, {Reach::Connecting, Reach::ConnectOk}) ? "\r\nCLOSE OK\r\n" : kE3;
  });
}

TEST(Air780epLegality, RowCipshut) {
  check_row("AT+CIPSHUT\r", [](Reach) { return std::string("\r\nSHUT OK\r\n"); });
}

TEST(Air780epLegality, RowCipstatus) {
  check_row("AT+CIPSTATUS\r", [](Reach r) {
    static const char* kStates[] = {"IP INITIAL",     "IP START",   "IP GPRSACT", "IP STATUS",
                                    "TCP CONNECTING", "CONNECT OK", "TCP CLOSED", "PDP DEACT"};
    return std::string("\r\nOK\r\n\r\nSTATE: ") + kStates[static_cast<int>(r)] + "\r\n";
  });
}

TEST(Air780epLegality, RowCipmuxCipmodeCipqsend) {
  for (const char* cmd : {"AT+CIPMUX=0\r", "AT+CIPMODE=0\r", "AT+CIPQSEND=1\r"}) {
    check_row(cmd, [](Reach r) { return r == Reach::Initial ? "\r\nOK\r\n" : kE3; });
  }
}

TEST(Air780epLegality, RowCipack) {
  check_row("AT+CIPACK\r", [](Reach r) {
    return in(r, {Reach::Connecting, Reach::ConnectOk, Reach::Closed})
               ? "\r\n+CIPACK: 0,0,0\r\n\r\nOK\r\n"
               : kE3;
  });
}

TEST(Air780epLegality, FullTable) {  // every cell, IP CONFIG and CLOSING included
  const std::vector<std::pair<IpCommand, std::string>> rows = {
      {IpCommand::Cstt, "OEEEEEEEEE"},    {IpCommand::Ciicr, "EOEEEEEEEE"},
      {IpCommand::Cifsr, "EEEOOOOOOE"},   {IpCommand::Cipstart, "OEEEOEAEOE"},
      {IpCommand::Cipsend, "EEEEEEOEEE"}, {IpCommand::Cipclose, "EEEEEOOEEE"},
      {IpCommand::Cipshut, "OOOOOOOOOO"}, {IpCommand::Cipstatus, "OOOOOOOOOO"},
      {IpCommand::Config, "OEEEEEEEEE"},  {IpCommand::Cipack, "EEEEEOOOOE"},
  };
  for (const auto& [command, cells] : rows) {
    for (std::size_t s = 0; s < cells.size(); ++s) {
      const Verdict v = models::air780ep::legality(command, static_cast<IpState>(s));
      const char got = v == Verdict::Allowed ? 'O' : v == Verdict::NotAllowed ? 'E' : 'A';
      EXPECT_EQ(got, cells[s]) << "command " << static_cast<int>(command) << " state " << s;
    }
  }
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
