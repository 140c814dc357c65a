import Foundation
import Testing

/// A headless Chromium, if one is installed.
enum Chromium {
    /// The first `chromium` or `chromium-browser` on PATH.
    static let path: String? = {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for d in dirs where FileManager.default.isExecutableFile(atPath: "\(d)/\(name)") { return "\(d)/\(name)" }
        }
        return nil
    }()

    struct Run {
        /// The DOM after the page's script ran.
        var dom: String
        /// What the page wrote to the console: uncaught exceptions, CSP violations, anything logged.
        var consoleLines: [String]
    }

    /// Loads `page` headless and returns the DOM after load and the page's console lines.
    ///
    /// A `probe` is a script run after the page's own, as a user's clicks would come after them: it goes into a
    /// copy of the page whose policy lets inline scripts run (the page's own policy, by hash, is checked
    /// by the runs without a probe). It leaves what it finds in the DOM.
    static func dumpDOM(_ page: URL, query: String? = nil, width: Int = 1280, probe: String? = nil, in dir: URL) throws -> Run {
        let target = try probe.map { try probed(page, $0, in: dir) } ?? page
        var run = try launch(target, query: query, in: dir, ["--window-size=\(width),900", "--dump-dom"])
        if probe != nil, let start = run.dom.range(of: "<script id=\"probe\">"),
           let end = run.dom.range(of: "</script>", range: start.upperBound..<run.dom.endIndex) {
            run.dom.removeSubrange(start.lowerBound..<end.upperBound)
        }
        return run
    }

    /// Writes a PNG of the top `height` pixels of `page` as a window `width` wide shows it.
    static func screenshot(_ page: URL, query: String? = nil, width: Int, height: Int, to png: URL, in dir: URL) throws {
        let shot = dir.appendingPathComponent("shot-\(UUID().uuidString).png")
        let run = try launch(page, query: query, in: dir, ["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=" + shot.path])
        #expect(run.consoleLines.isEmpty, "console: \(run.consoleLines)")
        let bytes = try Data(contentsOf: shot)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        // Rewritten only when the picture changed, so a rerun leaves the working tree as it was.
        if (try? Data(contentsOf: png)) != bytes { try bytes.write(to: png, options: .atomic) }
    }

    private static func probed(_ page: URL, _ probe: String, in dir: URL) throws -> URL {
        var html = try String(contentsOf: page, encoding: .utf8)
        // The policy is an attribute: its quotes are written `&#39;`, whose `;` is not a directive's end.
        let policy = try #require(html.range(of: #"script-src (&#39;|[^;"])*"#, options: .regularExpression))
        html.replaceSubrange(policy, with: "script-src &#39;unsafe-inline&#39;")
        let end = try #require(html.range(of: "</body>", options: .backwards))
        html.replaceSubrange(end, with: "<script id=\"probe\">" + probe + "</script></body>")
        let copy = dir.appendingPathComponent("probe-\(UUID().uuidString).html")
        try Data(html.utf8).write(to: copy)
        return copy
    }

    private static func launch(_ page: URL, query: String?, in dir: URL, _ arguments: [String]) throws -> Run {
        var url = URLComponents(url: page, resolvingAgainstBaseURL: false)!
        url.percentEncodedQuery = query
        let out = dir.appendingPathComponent("chromium-\(UUID().uuidString).out")
        let err = dir.appendingPathComponent("chromium-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(path))
        // A profile of its own, so runs never share state or locks.
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr", "--v=0",
                       "--user-data-dir=" + dir.appendingPathComponent("chromium-profile").path] + arguments + [url.string!]
        // Files, not pipes: the browser's chatter on stderr can never block it.
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        let deadline = Date().addingTimeInterval(90)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if p.isRunning {
            p.terminate()
            Issue.record("chromium did not finish within 90 s")
        }
        p.waitUntilExit()
        let dom = try String(contentsOf: out, encoding: .utf8)
        let log = try String(contentsOf: err, encoding: .utf8)
        return Run(dom: dom, consoleLines: log.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") })
    }
}
