import Foundation
import Tauri
import UserNotifications
import WebKit
import os.log

// Reaches the device console (Console.app, `log stream`) in release builds too.
private let alarmsLog = OSLog(subsystem: "app.baohao.alarms", category: "baohao")

private func logError(_ message: String) {
  os_log("%{public}@", log: alarmsLog, type: .error, message)
}

private let identifierPrefix = "baohao-"
private let lineKey = "line"
// the category of reminders with buttons; its actions are the app's ids and words
private let reminderCategory = "baohao-reminder"
// the choices not yet handed to the app, kept across launches
private let chosenKey = "app.baohao.alarms.chosen"

private func requestIdentifier(_ id: Int32) -> String {
  return identifierPrefix + String(id)
}

struct ActionArg: Decodable {
  let id: String
  let title: String
}

struct AlarmArg: Decodable {
  let id: Int32
  let atMs: Int64
  let title: String
  let body: String
  let lineId: String?
  let actions: [ActionArg]?
}

// nil fields are left out of the JSON, which the Rust side reads as absent
struct Chosen: Codable {
  let lineId: String?
  let action: String
  let atMs: Int64
}

struct TakeChosenAnswer: Encodable {
  let chosen: [Chosen]
}

/// The choices kept in UserDefaults until the app takes them (a button pressed while the app
/// was not running launches it in the background, maybe before Rust registered a handler).
private enum ChosenStore {
  private static let lock = NSLock()

  static func add(_ chosen: Chosen) {
    lock.lock()
    defer { lock.unlock() }
    var all = readLocked()
    all.append(chosen)
    if let data = try? JSONEncoder().encode(all) {
      UserDefaults.standard.set(data, forKey: chosenKey)
    } else {
      logError("could not record a chosen action")
    }
  }

  static func takeAll() -> [Chosen] {
    lock.lock()
    defer { lock.unlock() }
    let all = readLocked()
    UserDefaults.standard.removeObject(forKey: chosenKey)
    return all
  }

  private static func readLocked() -> [Chosen] {
    guard let data = UserDefaults.standard.data(forKey: chosenKey) else { return [] }
    return (try? JSONDecoder().decode([Chosen].self, from: data)) ?? []
  }
}

struct SetChosenHandlerArgs: Decodable {
  let handler: Channel
}

struct ArmArgs: Decodable {
  let alarms: [AlarmArg]
}

struct DisarmArgs: Decodable {
  let ids: [Int32]
}

struct SetTapHandlerArgs: Decodable {
  let handler: Channel
}

// nil fields are left out of the JSON, which the Rust side reads as absent
struct Tapped: Encodable {
  let lineId: String?
}

struct TakeTappedAnswer: Encodable {
  let tapped: Tapped?
}

struct ExactAlarmsAnswer: Encodable {
  let allowed: Bool
}

/// Failures of one `arm` call, collected from the notification center's callbacks.
private final class Failures {
  private let lock = NSLock()
  private var messages = [String]()

  func add(_ message: String) {
    lock.lock()
    messages.append(message)
    lock.unlock()
  }

  func joined() -> String? {
    lock.lock()
    defer { lock.unlock() }
    return messages.isEmpty ? nil : messages.joined(separator: "; ")
  }
}

/// The time-sensitive part of `arm`: the trigger that fires at the instant `atMs` (UTC Unix
/// milliseconds, whole seconds), whatever the device's time zone is then.
///
/// A calendar trigger matches date components; when they carry a time zone it reads them in
/// that zone and the fire date is a fixed instant, while components without one are read as
/// device-local wall-clock time (how a UTC date came to fire hours off in plugins-workspace
/// #3256). So the components are taken from the instant in a gregorian calendar set to UTC,
/// with that calendar and zone attached. Apple documents this reading only by example, so the
/// trigger's own next fire date is checked against the instant: should the system read the
/// components otherwise, or should the instant be past (no next date), a time-interval trigger
/// counts down to it instead (at least a second: a past time fires at once, as on Android).
/// (Not named `trigger`: Plugin.trigger(_:data:) would hide it inside the plugin class.)
func triggerFiring(atMs: Int64) -> UNNotificationTrigger {
  let instant = Date(timeIntervalSince1970: TimeInterval(atMs) / 1000)
  var utc = Calendar(identifier: .gregorian)
  utc.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? utc.timeZone
  let components = utc.dateComponents(
    [.calendar, .timeZone, .year, .month, .day, .hour, .minute, .second], from: instant)
  let calendarTrigger = UNCalendarNotificationTrigger(dateMatching: components, repeats: false)
  if let next = calendarTrigger.nextTriggerDate(), abs(next.timeIntervalSince(instant)) < 1 {
    return calendarTrigger
  }
  return UNTimeIntervalNotificationTrigger(
    timeInterval: max(1, instant.timeIntervalSinceNow), repeats: false)
}

/// The native executor of the app's reminder plan: each alarm is a pending notification request
/// `baohao-<id>` (iOS keeps them across reboots by itself), and the plugin is the notification
/// center's delegate, reporting taps. Nothing here assumes state a freshly started process
/// lacks: a tap carries its line id in the request's userInfo.
class AlarmsPlugin: Plugin, UNUserNotificationCenterDelegate {
  private let lock = NSLock()
  private var pendingTap: Tapped?
  private var tapHandler: Channel?
  private var chosenHandler: Channel?

  override init() {
    super.init()
    // The plugin is created during the app's setup, before launching finishes, which is when
    // the delegate must be in place for a tap that launches the app to reach it. Registered
    // after tauri-plugin-notification, this replaces that plugin's delegate (whose tap handler
    // crashes in a fresh process, plugins-workspace #3533).
    UNUserNotificationCenter.current().delegate = self
  }

  @objc public override func load(webview: WKWebView) {
    // again once the webview exists, should another plugin have taken the delegate since
    UNUserNotificationCenter.current().delegate = self
  }

  @objc public func arm(_ invoke: Invoke) throws {
    let args = try invoke.parseArgs(ArmArgs.self)
    let center = UNUserNotificationCenter.current()
    let group = DispatchGroup()
    let failures = Failures()
    // The buttons' words follow the app's language: the category is set again with them.
    if let buttons = args.alarms.compactMap({ $0.actions }).first(where: { !$0.isEmpty }) {
      let actions = buttons.map {
        // no options: handled in the background, without opening the app
        UNNotificationAction(identifier: $0.id, title: $0.title, options: [])
      }
      center.setNotificationCategories([
        UNNotificationCategory(
          identifier: reminderCategory, actions: actions, intentIdentifiers: [], options: [])
      ])
    }
    for alarm in args.alarms {
      let content = UNMutableNotificationContent()
      content.title = alarm.title
      content.body = alarm.body
      content.sound = .default
      if let lineId = alarm.lineId {
        content.userInfo = [lineKey: lineId]
      }
      if !(alarm.actions ?? []).isEmpty {
        content.categoryIdentifier = reminderCategory
      }
      // a request with the identifier of a pending one replaces it
      let request = UNNotificationRequest(
        identifier: requestIdentifier(alarm.id), content: content,
        trigger: triggerFiring(atMs: alarm.atMs))
      group.enter()
      center.add(request) { error in
        if let error = error {
          failures.add("alarm \(alarm.id): \(error.localizedDescription)")
        }
        group.leave()
      }
    }
    group.notify(queue: .global()) {
      if let message = failures.joined() {
        logError("could not arm: \(message)")
        invoke.reject(message)
      } else {
        invoke.resolve()
      }
    }
  }

  @objc public func disarm(_ invoke: Invoke) throws {
    let args = try invoke.parseArgs(DisarmArgs.self)
    UNUserNotificationCenter.current().removePendingNotificationRequests(
      withIdentifiers: args.ids.map(requestIdentifier))
    invoke.resolve()
  }

  @objc public func takeTapped(_ invoke: Invoke) {
    lock.lock()
    let tap = pendingTap
    pendingTap = nil
    lock.unlock()
    invoke.resolve(TakeTappedAnswer(tapped: tap))
  }

  @objc public func setTapHandler(_ invoke: Invoke) throws {
    let args = try invoke.parseArgs(SetTapHandlerArgs.self)
    lock.lock()
    tapHandler = args.handler
    lock.unlock()
    invoke.resolve()
  }

  @objc public func setChosenHandler(_ invoke: Invoke) throws {
    let args = try invoke.parseArgs(SetChosenHandlerArgs.self)
    lock.lock()
    chosenHandler = args.handler
    lock.unlock()
    invoke.resolve()
  }

  @objc public func takeChosen(_ invoke: Invoke) {
    invoke.resolve(TakeChosenAnswer(chosen: ChosenStore.takeAll()))
  }

  /// Kept first, then everything kept goes to the handler when there is one.
  private func deliverChosen(_ chosen: Chosen) {
    ChosenStore.add(chosen)
    lock.lock()
    let handler = chosenHandler
    lock.unlock()
    guard let handler = handler else { return }
    for kept in ChosenStore.takeAll() {
      do {
        try handler.send(kept)
      } catch {
        logError("could not report a chosen action: \(error)")
        ChosenStore.add(kept)
      }
    }
  }

  @objc public func exactAlarmsAllowed(_ invoke: Invoke) {
    // iOS delivers every pending request at its time
    invoke.resolve(ExactAlarmsAnswer(allowed: true))
  }

  /// To the handler when one is registered, else kept for takeTapped (the latest tap wins).
  private func deliver(_ tap: Tapped) {
    lock.lock()
    let handler = tapHandler
    if handler == nil {
      pendingTap = tap
    }
    lock.unlock()
    guard let handler = handler else { return }
    do {
      try handler.send(tap)
    } catch {
      logError("could not report a tap: \(error)")
      lock.lock()
      pendingTap = tap
      lock.unlock()
    }
  }

  // A notification due while the app is in the foreground is shown all the same.
  func userNotificationCenter(
    _ center: UNUserNotificationCenter,
    willPresent notification: UNNotification,
    withCompletionHandler completionHandler: @escaping (UNNotificationPresentationOptions) -> Void
  ) {
    completionHandler([.banner, .list, .sound])
  }

  func userNotificationCenter(
    _ center: UNUserNotificationCenter,
    didReceive response: UNNotificationResponse,
    withCompletionHandler completionHandler: @escaping () -> Void
  ) {
    defer { completionHandler() }
    let request = response.notification.request
    // only this plugin's notifications, not another source's
    guard request.identifier.hasPrefix(identifierPrefix) else { return }
    let lineId = request.content.userInfo[lineKey] as? String
    switch response.actionIdentifier {
    case UNNotificationDefaultActionIdentifier:
      deliver(Tapped(lineId: lineId))
    case UNNotificationDismissActionIdentifier:
      return
    default:
      // one of the buttons: what it means is the app's decision
      deliverChosen(
        Chosen(
          lineId: lineId, action: response.actionIdentifier,
          atMs: Int64(Date().timeIntervalSince1970 * 1000)))
    }
  }
}

@_cdecl("init_plugin_baohao_alarms")
public func initPlugin() -> Plugin {
  return AlarmsPlugin()
}
