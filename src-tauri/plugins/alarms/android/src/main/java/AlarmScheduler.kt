package app.baohao.alarms

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.os.Build
import android.util.Log

/** Arms and cancels alarms with AlarmManager; each fires [AlarmReceiver] with the alarm's id. */
internal object AlarmScheduler {
  private const val ACTION_FIRE = "app.baohao.alarms.FIRE"
  const val EXTRA_ID = "app.baohao.alarms.ID"

  /** How long after its time a missed alarm is still worth showing (after a reboot or a clock change). */
  private const val MISSED_GRACE_MS = 24L * 60 * 60 * 1000

  /** Whether alarms may be exact: on Android 12+ only while the user allows it. */
  fun exactAllowed(context: Context): Boolean {
    if (Build.VERSION.SDK_INT < Build.VERSION_CODES.S) return true
    return context.getSystemService(AlarmManager::class.java)?.canScheduleExactAlarms() ?: false
  }

  /** Arms (or re-arms) one alarm, allowed to fire in Doze. False (logged) when the OS refused it. */
  fun arm(context: Context, alarm: StoredAlarm): Boolean {
    val manager = context.getSystemService(AlarmManager::class.java)
    if (manager == null) {
      Log.e(TAG, "no AlarmManager: alarm ${alarm.id} not armed")
      return false
    }
    val fire = fireIntent(context, alarm.id, PendingIntent.FLAG_UPDATE_CURRENT) ?: return false
    return try {
      if (exactAllowed(context)) {
        try {
          manager.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, alarm.atMs, fire)
        } catch (e: SecurityException) {
          Log.w(TAG, "exact alarms were revoked just now: alarm ${alarm.id} armed inexact", e)
          manager.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, alarm.atMs, fire)
        }
      } else {
        // inexact: Android 12+ delivers it within about an hour
        manager.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, alarm.atMs, fire)
      }
      true
    } catch (e: RuntimeException) {
      // e.g. IllegalStateException past the OS's 500 alarms per app
      Log.e(TAG, "the OS refused alarm ${alarm.id}", e)
      false
    }
  }

  /** Cancels the alarm with this id if it is armed. */
  fun disarm(context: Context, id: Int) {
    val fire = fireIntent(context, id, PendingIntent.FLAG_NO_CREATE) ?: return
    context.getSystemService(AlarmManager::class.java)?.cancel(fire)
    fire.cancel()
  }

  /**
   * After a reboot, an app update, a clock or time-zone change, a change of the exact-alarm
   * permission, and when the app starts: re-arms every stored alarm still ahead, shows once those that passed less than a
   * day ago, and forgets older ones.
   */
  fun rearmAll(context: Context, nowMs: Long) {
    val stored = AlarmStore.read(context)
    if (stored == null) {
      Log.e(TAG, "cannot re-arm: the alarm store is corrupt; cleared it for the app to refill")
      AlarmStore.clear(context)
      return
    }
    val done = HashSet<Int>()
    for (alarm in stored) {
      when {
        alarm.atMs > nowMs -> arm(context, alarm)
        nowMs - alarm.atMs < MISSED_GRACE_MS -> {
          Notifier.post(context, alarm)
          done.add(alarm.id)
        }
        else -> {
          Log.i(TAG, "alarm ${alarm.id} passed more than a day ago: dropped")
          done.add(alarm.id)
        }
      }
    }
    // forgotten first, so a still-armed OS alarm for one of them finds nothing to show
    if (done.isNotEmpty()) AlarmStore.remove(context, done)
    done.forEach { disarm(context, it) }
    Log.i(TAG, "re-armed ${stored.size - done.size} alarm(s), settled ${done.size} past one(s)")
  }

  // The request code tells the alarms apart (PendingIntent identity ignores extras).
  private fun fireIntent(context: Context, id: Int, flag: Int): PendingIntent? {
    val intent = Intent(context, AlarmReceiver::class.java)
      .setAction(ACTION_FIRE)
      .putExtra(EXTRA_ID, id)
    return PendingIntent.getBroadcast(context, id, intent, flag or PendingIntent.FLAG_IMMUTABLE)
  }
}
