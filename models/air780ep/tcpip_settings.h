#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace cellemu::models::air780ep {

// AT+CIPCCFG: transparent-mode packetisation (LM CIPCCFG.md; RxSize and BufClean OQ-15).
struct TransparentConfig {
  int retries = 5;       // NmRetry 3-8 (stored)
  int wait_tm = 2;       // WaitTm 2-10: x100 ms of uplink silence before a short packet goes
  int send_size = 1024;  // SendSz 1-1460: a packet goes as soon as this many bytes are queued
  int esc = 0;           // 0/1 (stored; "+++" always works, air780ep.md §7 rule 4)
  int rx_mode = 0;       // 0/1 (stored; downlink is written as it arrives)
  int rx_size = 1460;    // 50-1460 (stored)
  int rx_timer = 50;     // 20-1000 ms (stored)
  int buf_clean = 0;     // 0/1 (stored)
};

// AT+CIPTKA: TCP keep-alive applied to links opened afterwards (LM CIPTKA.md).
struct KeepAlive {
  int mode = 0;
  int idle = 7200;
  int interval = 75;
  int count = 9;
};

// AT^HEARTCONFIG / AT^HEARTBEAT / AT^HEARTBEATHEX (LM HEARTCONFIG.md, HEARTBEAT.md,
// HEARTBEATHEX.md); IpStack::heartbeat() runs the schedule.
struct Heartbeat {
  int enabled = 0;
  int socket = 0;
  int period = 120;
  int data_socket = 0;
  std::string data;  // bytes; empty: the IMEI
};

// AT+CLPORT: local ports of the next links (0 = any).
struct LocalPorts {
  std::uint16_t tcp = 0;
  std::uint16_t udp = 0;
};

// Module-global TCP/IP configuration (air780ep.md §2). Not kept across power cycles (S0 FAQ 4).
struct TcpipSettings {
  static constexpr int kMaxLinks = 8;  // OQ-22 knob upper bound

  int cipmux = 0;
  int cipmode = 0;
  int cipqsend = 0;
  int cipsprt = 1;
  int ciphead = 0;
  int cipshowtp = 0;
  int cipsrip = 0;
  int ciprxf = 0;  // OQ-13: append "\r\n" after each pushed chunk
  int ciprxget = 0;
  int cipats_mode = 0;
  int cipats_time = 1;  // OQ-14
  int cipssl = 0;
  KeepAlive keepalive;
  Heartbeat heartbeat;
  TransparentConfig ccfg;
  LocalPorts clport;                              // single link
  std::array<LocalPorts, kMaxLinks> clport_link;  // multi link, per id
  std::string apn;                                // AT+CSTT (OQ-23)
  std::string user;
  std::string password;
  std::string primary_dns;  // AT+CDNSCFG
  std::string secondary_dns;
};

}  // namespace cellemu::models::air780ep
