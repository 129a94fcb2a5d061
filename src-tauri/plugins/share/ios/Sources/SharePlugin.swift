import Foundation
import Tauri
import UIKit
import WebKit
import os.log

// Reaches the device console (Console.app, `log stream`) in release builds too.
private let shareLog = OSLog(subsystem: "app.baohao.share", category: "baohao")

struct ShareFileArgs: Decodable {
  let path: String
  let mediaType: String
  let title: String
}

/// Opens the system share sheet for one file the app wrote into Caches/share/ (checked in Rust).
class SharePlugin: Plugin {
  @objc public func shareFile(_ invoke: Invoke) throws {
    let args = try invoke.parseArgs(ShareFileArgs.self)
    let url = URL(fileURLWithPath: args.path)
    guard FileManager.default.fileExists(atPath: url.path) else {
      invoke.reject("the file to share does not exist")
      return
    }
    DispatchQueue.main.async {
      guard let root = self.manager.viewController else {
        os_log("no view controller to present the share sheet", log: shareLog, type: .error)
        invoke.reject("the app has no window to show the share sheet in")
        return
      }
      let sheet = UIActivityViewController(activityItems: [url], applicationActivities: nil)
      // An iPad shows the sheet as a popover, which needs an anchor.
      UIUtils.centerPopover(rootViewController: root, popoverController: sheet)
      root.present(sheet, animated: true)
      invoke.resolve()
    }
  }
}

@_cdecl("init_plugin_baohao_share")
public func initPlugin() -> Plugin {
  return SharePlugin()
}
