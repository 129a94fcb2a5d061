package app.baohao.alarms

import android.app.Activity
import android.content.Context
import android.content.Intent
import android.util.Log
import android.webkit.WebView
import androidx.appcompat.app.AppCompatActivity
import app.tauri.annotation.Command
import app.tauri.annotation.InvokeArg
import app.tauri.annotation.TauriPlugin
import app.tauri.plugin.Channel
import app.tauri.plugin.Invoke
import app.tauri.plugin.JSObject
import app.tauri.plugin.Plugin

@InvokeArg
class ActionArg {
  var id: String = ""
  var title: String = ""
}

@InvokeArg
class AlarmArg {
  var id: Int = 0
  var atMs: Long = 0
  var title: String = ""
  var body: String = ""
  var lineId: String? = null
  var actions: List<ActionArg> = listOf()
}

@InvokeArg
class ArmArgs {
  var alarms: List<AlarmArg> = listOf()
}

@InvokeArg
class DisarmArgs {
  var ids: List<Int> = listOf()
}

@InvokeArg
class SetTapHandlerArgs {
  lateinit var handler: Channel
}

@InvokeArg
class SetChosenHandlerArgs {
  lateinit var handler: Channel
}

/**
 * The native executor of the app's reminder plan: arms and disarms alarms by id, and reports
 * taps on their notifications. Tauri runs its commands on the main thread, as it does the
 * activity callbacks, so they never race; the lock still guards the tap state they share.
 */
@TauriPlugin
class AlarmsPlugin(private val activity: Activity) : Plugin(activity) {
  private val lock = Any()
  private var pendingTap: JSObject? = null
  private var tapHandler: Channel? = null
  private var chosenHandler: Channel? = null

  companion object {
    // the loaded plugin of this process, for the action receiver (none while the app does not run)
    @Volatile private var live: AlarmsPlugin? = null

    /** Sends every kept choice to the app's handler, when the app runs and has one. */
    fun handOverChosen(context: Context) {
      val plugin = live ?: return
      val handler = synchronized(plugin.lock) { plugin.chosenHandler } ?: return
      val all = ChosenStore.takeAll(context)
      for (i in 0 until all.length()) handler.send(JSObject(all.getJSONObject(i).toString()))
    }
  }

  override fun load(webView: WebView) {
    super.load(webView)
    live = this
    // the channel shows in the system settings before the first reminder does
    Notifier.ensureChannel(activity)
    // A force stop (and some vendors' battery managers) clears the app's alarms and sends no
    // broadcast: the store is re-armed whenever the app starts.
    try {
      AlarmScheduler.rearmAll(activity.applicationContext, System.currentTimeMillis())
    } catch (e: RuntimeException) {
      Log.e(TAG, "re-arming at start failed", e)
    }
    // cold start: a tap that launched the app waits for takeTapped
    val tap = tapFrom(activity.intent) ?: return
    synchronized(lock) { pendingTap = tap }
  }

  // a tap while the app runs
  override fun onNewIntent(intent: Intent) {
    super.onNewIntent(intent)
    tapFrom(intent)?.let { deliver(it) }
  }

  // a tap that started a new activity in a running process (the plugin is loaded only once)
  override fun onResume(activity: AppCompatActivity) {
    super.onResume(activity)
    tapFrom(activity.intent)?.let { deliver(it) }
  }

  /** To the handler when one is registered, else kept for takeTapped (the latest tap wins). */
  private fun deliver(tap: JSObject) {
    val handler = synchronized(lock) {
      if (tapHandler == null) pendingTap = tap
      tapHandler
    }
    handler?.send(tap)
  }

  @Command
  fun arm(invoke: Invoke) {
    val args = invoke.parseArgs(ArmArgs::class.java)
    val alarms = args.alarms.map { a ->
      StoredAlarm(a.id, a.atMs, a.title, a.body, a.lineId, a.actions.map { StoredAction(it.id, it.title) })
    }
    val context = activity.applicationContext
    // recorded before armed: an alarm the store does not hold would fire to nothing
    if (!AlarmStore.put(context, alarms)) {
      invoke.reject("could not store the alarms")
      return
    }
    val refused = alarms.filterNot { AlarmScheduler.arm(context, it) }.map { it.id }
    if (refused.isEmpty()) invoke.resolve() else invoke.reject("the OS refused alarms $refused")
  }

  @Command
  fun disarm(invoke: Invoke) {
    val args = invoke.parseArgs(DisarmArgs::class.java)
    val context = activity.applicationContext
    args.ids.forEach { AlarmScheduler.disarm(context, it) }
    // still stored, a cancelled alarm would come back at the next reboot
    if (AlarmStore.remove(context, args.ids.toSet())) invoke.resolve() else invoke.reject("could not forget the alarms")
  }

  @Command
  fun takeTapped(invoke: Invoke) {
    val tap = synchronized(lock) { pendingTap.also { pendingTap = null } }
    val answer = JSObject()
    if (tap != null) answer.put("tapped", tap)
    invoke.resolve(answer)
  }

  @Command
  fun setTapHandler(invoke: Invoke) {
    val args = invoke.parseArgs(SetTapHandlerArgs::class.java)
    synchronized(lock) { tapHandler = args.handler }
    invoke.resolve()
  }

  @Command
  fun setChosenHandler(invoke: Invoke) {
    val args = invoke.parseArgs(SetChosenHandlerArgs::class.java)
    synchronized(lock) { chosenHandler = args.handler }
    invoke.resolve()
  }

  /** Every choice kept (made while the app did not run), oldest first, then forgotten. */
  @Command
  fun takeChosen(invoke: Invoke) {
    val all = ChosenStore.takeAll(activity.applicationContext)
    invoke.resolve(JSObject().put("chosen", all))
  }

  @Command
  fun exactAlarmsAllowed(invoke: Invoke) {
    invoke.resolve(JSObject().put("allowed", AlarmScheduler.exactAllowed(activity)))
  }

  /** The tap an intent carries, as `{lineId?}`; read once, so a recreated activity sees none. */
  private fun tapFrom(intent: Intent?): JSObject? {
    if (intent == null) return null
    return try {
      if (!intent.getBooleanExtra(Notifier.EXTRA_TAP, false)) return null
      val lineId = intent.getStringExtra(Notifier.EXTRA_LINE)
      intent.removeExtra(Notifier.EXTRA_TAP)
      intent.removeExtra(Notifier.EXTRA_LINE)
      // Recents relaunches a task with the intent that first started it: not a new tap
      if (intent.flags and Intent.FLAG_ACTIVITY_LAUNCHED_FROM_HISTORY != 0) return null
      val tap = JSObject()
      if (lineId != null) tap.put("lineId", lineId)
      tap
    } catch (e: RuntimeException) {
      // the launcher activity is exported: its extras may come from anyone
      Log.w(TAG, "ignored a launch intent with unreadable extras", e)
      null
    }
  }
}
