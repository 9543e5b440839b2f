// The Air780EP file system commands (air780ep.md §8, conformance case H-011): exact bytes, the
// plain ERROR of every failure (OQ-39), the FSWRITE prompt and timeout (OQ-38), and the sandbox
// against hostile names.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/model/air780ep_test_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

TEST(Air780epFs, H011_FileRoundTrip) {  // [I] OQ-38 (prompt without space)
  Transcript t;
  t.exchange("AT+FSMKDIR=\"/testdir\"\r", "\r\nOK\r\n");
  t.exchange("AT+FSCREATE=\"/testdir/test.txt\"\r", "\r\nOK\r\n");
  t.exchange("AT+FSWRITE=\"/testdir/test.txt\",0,10,10\r", "\r\n>");
  t.exchange("1234567890", "\r\nOK\r\n");
  t.exchange("AT+FSREAD=\"/testdir/test.txt\",0,10,10\r", "\r\n1234567890\r\nOK\r\n");
  t.exchange("AT+FSFLSIZE=\"/testdir/test.txt\"\r", "\r\n+FSFLSIZE: 10\r\n\r\nOK\r\n");
  t.exchange("AT+FSLS=\"/testdir\"\r", "\r\ntest.txt\r\n\r\nOK\r\n");
  t.exchange("AT+FSDEL=\"/testdir/test.txt\"\r", "\r\nOK\r\n");
}

TEST(Air780epFs, ListingMarksDirectoriesWithABackslash) {  // LT trace
  Transcript t;
  t.exchange("AT+FSCREATE=\"test.txt\"\r", "\r\nOK\r\n");
  t.exchange("AT+FSMKDIR=\"testdir\"\r", "\r\nOK\r\n");
  t.exchange("AT+FSLS=\"/\"\r", "\r\ntest.txt\r\ntestdir\\\r\n\r\nOK\r\n");
  t.exchange("AT+FSLS=\"C:/\"\r", "\r\ntest.txt\r\ntestdir\\\r\n\r\nOK\r\n");
  t.exchange("AT+FSLS=\"testdir\"\r", "\r\nOK\r\n");  // empty
}

TEST(Air780epFs, UnquotedNamesAndTheDriveForms) {  // LM FS/*.md, S0 recipe
  Transcript t;
  t.exchange("AT+FSCREATE=server.crt\r", "\r\nOK\r\n");
  t.exchange("AT+FSWRITE=server.crt,0,3,15\r", "\r\n>");
  t.exchange("abc", "\r\nOK\r\n");
  t.exchange("AT+FSREAD=\"C:/server.crt\",0,10,0\r", "\r\nabc\r\nOK\r\n");
  t.exchange("AT+FSDRIVE=0\r", "\r\n+FSDRIVE:C\r\n\r\nOK\r\n");
  t.exchange("AT+FSDRIVE=1\r", "\r\nERROR\r\n");
  t.exchange("AT+FSMEM\r", "\r\n+FSMEM: 64097 bytes\r\n\r\nOK\r\n");  // LT: 64100 when empty
}

TEST(Air780epFs, WriteIsNotEchoedEvenWithEchoOn) {  // LT trace: the command, ">", then OK
  TranscriptOptions o;
  o.echo = true;
  Transcript t(o);
  t.exchange("AT+FSCREATE=\"a.txt\"\r", "AT+FSCREATE=\"a.txt\"\r\r\nOK\r\n");
  t.exchange("AT+FSWRITE=\"a.txt\",0,5,10\r", "AT+FSWRITE=\"a.txt\",0,5,10\r\r\n>");
  t.exchange("hello", "\r\nOK\r\n");
}

TEST(Air780epFs, AppendModeAndReadingFromAPosition) {
  Transcript t;
  t.exchange("AT+FSCREATE=\"f\"\r", "\r\nOK\r\n");
  t.exchange("AT+FSWRITE=\"f\",0,4,10\r", "\r\n>");
  t.exchange("abcd", "\r\nOK\r\n");
  t.exchange("AT+FSWRITE=\"f\",1,3,10\r", "\r\n>");
  t.exchange("efg", "\r\nOK\r\n");
  t.exchange("AT+FSREAD=\"f\",1,3,2\r", "\r\ncde\r\nOK\r\n");
  t.exchange("AT+FSREAD=\"f\",1,100,5\r", "\r\nfg\r\nOK\r\n");
  t.exchange("AT+FSWRITE=\"f\",0,2,10\r", "\r\n>");  // mode 0 truncates
  t.exchange("xy", "\r\nOK\r\n");
  t.exchange("AT+FSREAD=\"f\",0,100,0\r", "\r\nxy\r\nOK\r\n");
}

TEST(Air780epFs, WriteTimeoutWritesNothing) {  // [I] OQ-38
  Transcript t;
  t.exchange("AT+FSCREATE=\"f\"\r", "\r\nOK\r\n");
  t.exchange("AT+FSWRITE=\"f\",0,10,5\r", "\r\n>");
  t.send("12345");
  t.advance(std::chrono::milliseconds(4999));
  t.expect_quiet();
  t.advance(std::chrono::milliseconds(1));
  t.expect("\r\nTimeOut\r\n");
  t.exchange("AT+FSFLSIZE=\"f\"\r", "\r\n+FSFLSIZE: 0\r\n\r\nOK\r\n");
  t.exchange("AT\r", "\r\nOK\r\n");  // back in command mode
}

TEST(Air780epFs, BadWritesAnswerErrorBeforeAnyPrompt) {  // OQ-39: plain ERROR, CMEE=1
  Transcript t;
  t.exchange("AT+FSCREATE=\"f\"\r", "\r\nOK\r\n");
  t.exchange("AT+FSWRITE=\"missing\",0,5,10\r", "\r\nERROR\r\n");
  t.exchange("AT+FSWRITE=\"f\",0,0,10\r", "\r\nERROR\r\n");
  t.exchange("AT+FSWRITE=\"f\",0,10241,10\r", "\r\nERROR\r\n");
  t.exchange("AT+FSWRITE=\"f\",2,5,10\r", "\r\nERROR\r\n");
  t.exchange("AT+FSWRITE=\"f\",0,5,0\r", "\r\nERROR\r\n");
  t.exchange("AT+FSWRITE=\"f\",0,5,4294967296\r", "\r\nERROR\r\n");
  t.exchange("AT+FSWRITE=\"f\",0,5\r", "\r\nERROR\r\n");
  t.exchange("AT+FSWRITE?\r", "\r\nERROR\r\n");
  t.exchange("AT+FSWRITE=?\r", "\r\nOK\r\n");
  t.exchange("AT+CMEE=2\r", "\r\nOK\r\n");
  t.exchange("AT+FSREAD=\"missing\",0,10,0\r", "\r\nERROR\r\n");
  t.exchange("AT+FSDEL=\"missing\"\r", "\r\nERROR\r\n");
  t.exchange("AT+FSFLSIZE=\"missing\"\r", "\r\nERROR\r\n");
  t.exchange("AT+FSREAD=\"f\",0,10241,0\r", "\r\nERROR\r\n");
}

TEST(Air780epFs, AWriteLargerThanTheFreeSpaceIsRefused) {
  Transcript t;
  for (int i = 0; i < 6; ++i) {
    const std::string name = "big" + std::to_string(i);
    t.exchange("AT+FSCREATE=" + name + "\r", "\r\nOK\r\n");
    t.exchange("AT+FSWRITE=" + name + ",0,10240,10\r", "\r\n>");
    t.exchange(std::string(10240, 'x'), "\r\nOK\r\n");
  }
  t.exchange("AT+FSMEM\r", "\r\n+FSMEM: 2660 bytes\r\n\r\nOK\r\n");
  t.exchange("AT+FSCREATE=last\r", "\r\nOK\r\n");
  t.exchange("AT+FSWRITE=last,0,2661,10\r", "\r\nERROR\r\n");
  t.exchange("AT+FSWRITE=big0,0,10240,10\r", "\r\n>");  // rewriting frees the old content
  t.exchange(std::string(10240, 'y'), "\r\nOK\r\n");
}

TEST(Air780epFs, DirectoriesMustBeEmptyToGo) {
  Transcript t;
  t.exchange("AT+FSMKDIR=d\r", "\r\nOK\r\n");
  t.exchange("AT+FSMKDIR=d\r", "\r\nERROR\r\n");
  t.exchange("AT+FSCREATE=\"d/f\"\r", "\r\nOK\r\n");
  t.exchange("AT+FSCREATE=\"d/f\"\r", "\r\nOK\r\n");  // an existing file is kept
  t.exchange("AT+FSRMDIR=d\r", "\r\nERROR\r\n");
  t.exchange("AT+FSDEL=d\r", "\r\nERROR\r\n");
  t.exchange("AT+FSDEL=\"d/f\"\r", "\r\nOK\r\n");
  t.exchange("AT+FSRMDIR=d\r", "\r\nOK\r\n");
  t.exchange("AT+FSCREATE=\"nodir/f\"\r", "\r\nERROR\r\n");
}

// Hostile names answer ERROR and touch nothing.
const char* const kHostileNames[] = {
    "\"../x\"",    "\"/../../etc/passwd\"",
    "\"C:/../x\"", "\"a/../../x\"",
    "\"..\\\\x\"", "\"/\"",
    "\"C:/\"",     "\"a\001b\"",
    "\"dir/./x\"", "\"\"",
    "../x",        "/../../etc/passwd",
};

TEST(Air780epFs, HostileNamesAnswerErrorAndTouchNothing) {
  Transcript t;
  const std::string long_name = "\"" + std::string(65, 'a') + "\"";
  std::vector<std::string> names(std::begin(kHostileNames), std::end(kHostileNames));
  names.push_back(long_name);
  names.push_back(std::string("\"a\0b\"", 5));  // NUL inside the name
  for (const auto& n : names) {
    SCOPED_TRACE(n);
    t.exchange("AT+FSCREATE=" + n + "\r", "\r\nERROR\r\n");
    t.exchange("AT+FSMKDIR=" + n + "\r", "\r\nERROR\r\n");
    t.exchange("AT+FSWRITE=" + n + ",0,3,10\r", "\r\nERROR\r\n");
    t.exchange("AT+FSREAD=" + n + ",0,10,0\r", "\r\nERROR\r\n");
    t.exchange("AT+FSDEL=" + n + "\r", "\r\nERROR\r\n");
    t.exchange("AT+FSRMDIR=" + n + "\r", "\r\nERROR\r\n");
    t.exchange("AT+FSFLSIZE=" + n + "\r", "\r\nERROR\r\n");
  }
  t.exchange("AT+FSLS=\"/\"\r", "\r\nOK\r\n");
  t.exchange("AT+FSMEM\r", "\r\n+FSMEM: 64100 bytes\r\n\r\nOK\r\n");
  t.exchange("AT+FSCREATE=\"" + std::string(64, 'a') + "\"\r", "\r\nOK\r\n");  // 64 is fine
}

// --fs-dir: a symlink planted in the folder leads nowhere, and nothing escapes the folder.
TEST(Air780epFs, HostFolderNeverFollowsAPlantedSymlink) {
  namespace stdfs = std::filesystem;
  const stdfs::path base =
      stdfs::temp_directory_path() / ("cellemu-fs-" + std::to_string(getpid()));
  const stdfs::path dir = base / "module";
  stdfs::create_directories(dir);
  const stdfs::path secret = base / "secret.txt";
  std::ofstream(secret) << "host secret";
  stdfs::create_symlink(secret, dir / "link.crt");
  stdfs::create_directory_symlink(base, dir / "up");
  {
    TranscriptOptions o;
    o.session = [&](session::SessionConfig& c) { c.fs_dir = dir.string(); };
    Transcript t(o);
    t.exchange("AT+FSREAD=\"link.crt\",0,100,0\r", "\r\nERROR\r\n");
    t.exchange("AT+FSWRITE=\"link.crt\",0,3,10\r", "\r\nERROR\r\n");
    t.exchange("AT+FSFLSIZE=\"link.crt\"\r", "\r\nERROR\r\n");
    t.exchange("AT+FSREAD=\"up/secret.txt\",0,100,0\r", "\r\nERROR\r\n");
    t.exchange("AT+FSCREATE=\"up/new.txt\"\r", "\r\nERROR\r\n");
    t.exchange("AT+FSLS=\"up\"\r", "\r\nERROR\r\n");
    t.exchange("AT+FSCREATE=\"kept.txt\"\r", "\r\nOK\r\n");
    t.exchange("AT+FSWRITE=\"kept.txt\",0,4,10\r", "\r\n>");
    t.exchange("data", "\r\nOK\r\n");
  }
  std::string content;
  std::getline(std::ifstream(secret), content);
  EXPECT_EQ(content, "host secret");
  EXPECT_FALSE(stdfs::exists(base / "new.txt"));
  std::string kept;
  std::getline(std::ifstream(dir / "kept.txt"), kept);
  EXPECT_EQ(kept, "data");  // what the module writes survives in the folder
  stdfs::remove_all(base);
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
