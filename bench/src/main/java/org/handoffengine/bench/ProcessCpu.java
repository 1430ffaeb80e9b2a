package org.handoffengine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the run's processes from {@code /proc/<pid>/stat} (user + system, in clock ticks of
 * 1/100 s), and of the whole machine from {@code /proc/stat}, so each phase can say how much of the
 * 2 cores each part used and how much went to everything else on the machine.
 */
final class ProcessCpu {

  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private final Map<String, Long> pids = new LinkedHashMap<>();
  private final Map<String, Long> compiling = new LinkedHashMap<>();

  /** Watches one more process under a name (the server, the api role, a worker, the bench). */
  void watch(String name, long pid) {
    pids.put(name, pid);
  }

  /**
   * Watches a JVM's JIT compiler threads apart, under {@code name}: a JVM that is still compiling
   * its hot paths spends up to half its CPU there, which a long-running engine does not.
   */
  void watchCompiler(String name, long pid) {
    compiling.put(name, pid);
  }

  Map<String, Long> pids() {
    return pids;
  }

  /** CPU ticks used so far by each watched process, and by the machine ({@code "machine busy"}). */
  Snapshot snapshot() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    pids.forEach((name, pid) -> ticks.put(name, processTicks(pid)));
    Map<String, Long> compiler = new LinkedHashMap<>();
    compiling.forEach((name, pid) -> compiler.put(name, compilerTicks(pid)));
    return new Snapshot(System.nanoTime(), ticks, compiler, machineBusyTicks());
  }

  /** What the processes used between two snapshots, in % of one core, by name. */
  record Snapshot(
      long nanos, Map<String, Long> ticks, Map<String, Long> compiler, long machineBusy) {
    Map<String, Double> sharesSince(Snapshot before) {
      double seconds = (nanos - before.nanos) / 1e9;
      Map<String, Double> shares = new LinkedHashMap<>();
      long ours = 0;
      for (var e : ticks.entrySet()) {
        long used = e.getValue() - before.ticks.getOrDefault(e.getKey(), e.getValue());
        ours += used;
        shares.put(e.getKey(), 100.0 * used / TICKS_PER_SECOND / seconds);
      }
      long machine = machineBusy - before.machineBusy;
      shares.put(
          "rest of the machine", 100.0 * Math.max(0, machine - ours) / TICKS_PER_SECOND / seconds);
      for (var e : compiler.entrySet()) {
        // Compiler threads come and go (the JVM starts more when its queue grows): never below 0.
        long used =
            Math.max(0, e.getValue() - before.compiler.getOrDefault(e.getKey(), e.getValue()));
        shares.put(e.getKey(), 100.0 * used / TICKS_PER_SECOND / seconds);
      }
      return shares;
    }
  }

  /**
   * Pins a process and all its threads to the given CPUs ({@code taskset -a -p -c}), e.g. the
   * server to one core and the engine to the other.
   */
  static void pin(long pid, String cpus) {
    Commands.run("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid));
  }

  private static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name (field 2) may hold spaces; fields after its closing parenthesis are fixed.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11])
          + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /** CPU ticks of a JVM's C1 and C2 compiler threads (named "C1 CompilerThre…", "C2 …"). */
  private static long compilerTicks(long pid) {
    long ticks = 0;
    try (var threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        try {
          String stat = Files.readString(thread.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (name.matches("C\\d CompilerThre.*")) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          }
        } catch (IOException | RuntimeException threadGone) {
          // a thread that ended between the listing and the read
        }
      }
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
    return ticks;
  }

  /** Ticks the machine spent on anything but idle and I/O wait. */
  private static long machineBusyTicks() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      List<Long> values = new ArrayList<>();
      for (int i = 1; i < cpu.length; i++) {
        values.add(Long.parseLong(cpu[i]));
      }
      long total =
          values.subList(0, Math.min(8, values.size())).stream().mapToLong(Long::longValue).sum();
      return total - values.get(3) - values.get(4); // minus idle and iowait
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The machine's load average over the last minute, to say how loaded it was. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
