package io.rowspace.sql.catalog;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that runs a background job, as recorded in {@code ROWSPACE.JOBS.owner}: host name,
 * process id and the process's start time, written {@code host:pid:startMillis}.
 *
 * <p>Whether that process still runs is decided as precisely as the recorded facts allow: on the
 * same host, by asking the operating system whether a process with that id and start time exists
 * (a process id reused by a later process does not count); on another host, or where the start
 * time is unknown, by the job's heartbeat, which its process renews every
 * {@value #HEARTBEAT_SECONDS} seconds and which counts as lost after {@value #LOST_SECONDS}.
 */
public record JobOwner(String host, long pid, long startMillis) {
  /** How often a process renews the heartbeat of its running jobs. */
  public static final int HEARTBEAT_SECONDS = 10;
  /** How old a heartbeat may be before its process counts as ended. */
  static final int LOST_SECONDS = 60;
  /** Start times are compared to this precision (operating systems report them coarsely). */
  private static final long START_SLACK_MILLIS = 1000;

  private static final JobOwner CURRENT = of(ProcessHandle.current());

  /** This process. */
  public static JobOwner current() {
    return CURRENT;
  }

  private static JobOwner of(ProcessHandle process) {
    return new JobOwner(hostName(), process.pid(),
        process.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
  }

  /** Reads an owner as {@link #encode()} wrote it; an unreadable or missing one is unknown. */
  public static JobOwner parse(String text) {
    if (text == null) {
      return new JobOwner("", -1, 0);
    }
    int last = text.lastIndexOf(':');
    int middle = last < 0 ? -1 : text.lastIndexOf(':', last - 1);
    try {
      return new JobOwner(text.substring(0, middle), Long.parseLong(text.substring(middle + 1,
          last)), Long.parseLong(text.substring(last + 1)));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return new JobOwner("", -1, 0);
    }
  }

  public String encode() {
    return host + ":" + pid + ":" + startMillis;
  }

  /** Whether this is the current process. */
  public boolean isCurrent() {
    return equals(CURRENT);
  }

  /**
   * Whether the process still runs.
   *
   * @param heartbeat the job's last heartbeat, or null if it has none
   */
  public boolean isAlive(Instant heartbeat, Instant now) {
    if (isCurrent()) {
      return true;
    }
    if (pid > 0 && host.equals(CURRENT.host) && startMillis > 0) {
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      if (process.isEmpty() || !process.get().isAlive()) {
        return false;
      }
      Optional<Instant> started = process.get().info().startInstant();
      if (started.isPresent()) {
        return Math.abs(started.get().toEpochMilli() - startMillis) <= START_SLACK_MILLIS;
      }
    }
    return heartbeat != null
        && Duration.between(heartbeat, now).getSeconds() <= LOST_SECONDS;
  }

  /** For messages: "process 1234 on host db1". */
  public String describe() {
    return pid < 0 ? "a process of an earlier Rowspace" : "process " + pid + " on host " + host;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | SecurityException e) {
      return "localhost";
    }
  }
}
