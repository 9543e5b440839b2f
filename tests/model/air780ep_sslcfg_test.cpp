// AT+CIPSSL and AT+SSLCFG of the Air780EP (air780ep.md §6, conformance cases H-007, H-008):
// every parameter set, queried and erased, and the plain ERROR of every refusal (OQ-35).
#include "tests/model/air780ep_test_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

TEST(Air780epSslcfg, H007_SslSwitch) {
  Transcript t;
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSSL?\r", "\r\n+CIPSSL: 1\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSSL=?\r", "\r\n+CIPSSL: (0-1)\r\n\r\nOK\r\n");
}

TEST(Air780epSslcfg, H008_SslParametersSetAndQuery) {
  Transcript t;
  t.exchange("AT+SSLCFG=\"seclevel\",0,2\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"ciphersuite\",0,0X0035\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"seclevel\",0\r", "\r\n+SSLCFG: \"seclevel\",0,2\r\n\r\nOK\r\n");
}

std::string query(Transcript& t, const std::string& name, int ctx = 0) {
  t.send("AT+SSLCFG=\"" + name + "\"," + std::to_string(ctx) + "\r");
  return t.take();
}

std::string line(const std::string& name, const std::string& value, int ctx = 0) {
  return "\r\n+SSLCFG: \"" + name + "\"," + std::to_string(ctx) + "," + value + "\r\n\r\nOK\r\n";
}

TEST(Air780epSslcfg, QueryShowsThePowerUpValues) {  // [I] OQ-47
  Transcript t;
  EXPECT_EQ(query(t, "sslversion"), line("sslversion", "4"));
  EXPECT_EQ(query(t, "ciphersuite"), line("ciphersuite", "0XFFFF"));
  EXPECT_EQ(query(t, "cacert"), line("cacert", "\"\""));
  EXPECT_EQ(query(t, "clientcert"), line("clientcert", "\"\""));
  EXPECT_EQ(query(t, "clientkey"), line("clientkey", "\"\""));
  EXPECT_EQ(query(t, "seclevel"), line("seclevel", "0"));
  EXPECT_EQ(query(t, "hostname"), line("hostname", "\"\""));
  EXPECT_EQ(query(t, "ignorelocaltime"), line("ignorelocaltime", "0"));
  EXPECT_EQ(query(t, "negotiatetimeout"), line("negotiatetimeout", "300"));
  EXPECT_EQ(query(t, "clientrandom"), line("clientrandom", "\"\""));
  EXPECT_EQ(query(t, "premaster"), line("premaster", "\"\""));
  EXPECT_EQ(query(t, "verifymode"), line("verifymode", "0"));
}

struct Setting {
  const char* name;
  const char* set;    // the value as sent
  const char* shown;  // as the query prints it
  const char* fresh;  // after the erase form
};

const Setting kSettings[] = {
    {"sslversion", "3", "3", "4"},
    {"ciphersuite", "0x002f", "0X002F", "0XFFFF"},
    {"cacert", "\"server.crt\"", "\"server.crt\"", "\"\""},
    {"clientcert", "client.crt", "\"client.crt\"", "\"\""},
    {"clientkey", "\"/keys/client.key\"", "\"/keys/client.key\"", "\"\""},
    {"seclevel", "\"2\"", "2", "0"},
    {"hostname", "\"tcplab.openluat.com\"", "\"tcplab.openluat.com\"", "\"\""},
    {"ignorelocaltime", "1", "1", "0"},
    {"negotiatetimeout", "10", "10", "300"},
    {"clientrandom", "101B12C3141516171F19202122232425262728293031323334353637",
     "\"101B12C3141516171F19202122232425262728293031323334353637\"", "\"\""},
    {"premaster", "0011AABB", "\"0011AABB\"", "\"\""},
    {"verifymode", "1", "1", "0"},
};

TEST(Air780epSslcfg, EveryParameterIsSetQueriedAndErased) {
  Transcript t;
  for (const auto& s : kSettings) {
    SCOPED_TRACE(s.name);
    const std::string name = s.name;
    t.exchange("AT+SSLCFG=\"" + name + "\",3," + s.set + "\r", "\r\nOK\r\n");
    EXPECT_EQ(query(t, name, 3), line(name, s.shown, 3));
    EXPECT_EQ(query(t, name, 4), line(name, s.fresh, 4));         // contexts are separate
    t.exchange("AT+SSLCFG=\"" + name + "\",3,\r", "\r\nOK\r\n");  // trailing comma: erase
    EXPECT_EQ(query(t, name, 3), line(name, s.fresh, 3));
  }
}

TEST(Air780epSslcfg, SeedRecipeLinesAreAccepted) {  // S0: spaces after commas, unquoted values
  Transcript t;
  t.exchange("AT+SSLCFG=\"cacert\",0, \"server.crt\"\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"clientcert\",0, \"client.crt\"\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"clientkey\", 0,\"client.key\"\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"seclevel\",0,2\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"ciphersuite\",0,0X0035\r", "\r\nOK\r\n");
  t.exchange(
      "AT+SSLCFG=\"clientrandom\",0,101B12C3141516171F19202122232425262728293031323334353637\r",
      "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"sslversion\",0,4\r", "\r\nOK\r\n");  // MH's quoting
  EXPECT_EQ(query(t, "clientkey"), line("clientkey", "\"client.key\""));
}

TEST(Air780epSslcfg, ContextIdsAreTheLinksAndThreeServices) {  // LM SSLCFG.md
  Transcript t;
  for (const int id : {0, 5, 34, 88, 153}) {
    t.exchange("AT+SSLCFG=\"seclevel\"," + std::to_string(id) + ",1\r", "\r\nOK\r\n");
  }
  for (const int id : {6, 7, 33, 154, -1}) {
    t.exchange("AT+SSLCFG=\"seclevel\"," + std::to_string(id) + ",1\r", "\r\nERROR\r\n");
  }
}

TEST(Air780epSslcfg, RefusalsArePlainErrorWhateverCmee) {  // [I] OQ-35
  Transcript t;                                            // CMEE=1, the Air780EP default
  const char* const bad[] = {
      "AT+SSLCFG=\"nosuch\",0,1\r",
      "AT+SSLCFG=\"negotiatetime\",0,30\r",
      "AT+SSLCFG=\"SSLVERSION\",0,3\r",
      "AT+SSLCFG=\"sslversion\",0,5\r",
      "AT+SSLCFG=\"sslversion\",0,x\r",
      "AT+SSLCFG=\"ciphersuite\",0,0X0036\r",
      "AT+SSLCFG=\"ciphersuite\",0,53\r",
      "AT+SSLCFG=\"ciphersuite\",0,0X\r",
      "AT+SSLCFG=\"seclevel\",0,3\r",
      "AT+SSLCFG=\"ignorelocaltime\",0,2\r",
      "AT+SSLCFG=\"negotiatetimeout\",0,9\r",
      "AT+SSLCFG=\"negotiatetimeout\",0,301\r",
      "AT+SSLCFG=\"clientrandom\",0,ABC\r",
      "AT+SSLCFG=\"premaster\",0,XYZ1\r",
      "AT+SSLCFG=\"verifymode\",0,2\r",
      "AT+SSLCFG=\"cacert\",0,\"../ca.crt\"\r",
      "AT+SSLCFG=\"cacert\",0,\"/../../etc/ssl/ca.pem\"\r",
      "AT+SSLCFG=\"seclevel\"\r",
      "AT+SSLCFG=\"seclevel\",0,1,2\r",
      "AT+SSLCFG\r",
  };
  for (const char* cmd : bad) t.exchange(cmd, "\r\nERROR\r\n");
  // 55 hex characters: neither 56 nor 64.
  t.exchange("AT+SSLCFG=\"clientrandom\",0," + std::string(55, 'A') + "\r", "\r\nERROR\r\n");
  t.exchange("AT+SSLCFG=\"clientrandom\",0," + std::string(64, 'a') + "\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=?\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG?\r", "\r\nOK\r\n");
}

TEST(Air780epSslcfg, PowerUpForgetsTheContexts) {  // S0 FAQ 4
  Transcript t;
  t.exchange("AT+SSLCFG=\"seclevel\",0,2\r", "\r\nOK\r\n");
  t.send("AT+CFUN=1,1\r");
  t.advance(0ms);  // the reboot follows the OK
  t.take();
  t.send("ATE0\r");
  t.take();
  EXPECT_EQ(query(t, "seclevel"), line("seclevel", "0"));
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
