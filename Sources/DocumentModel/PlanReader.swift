import Foundation
import Localization

/// The one entry point for reading a plan, whatever its format: text, plan XML, other XML, HTML or .docx.
public enum PlanReader {
    /// Reads the file at `path`, refusing it unread when it is over `options.maxBytes`.
    public static func read(path: String, options: ReadOptions = ReadOptions()) throws(ReadError) -> PlanDocument {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ReadError(file: path, message: LocalizedText(en: "no such file", zh: "文件不存在"))
        }
        guard !isDir.boolValue else { throw ReadError(file: path, message: LocalizedText(en: "is a folder, not a plan file", zh: "是文件夹，不是规划文件")) }
        // The size is checked before reading, so a huge file costs nothing; a file that grows while it is read
        // (or a special file) is held to the same limit.
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path, limit: options.maxBytes) } catch {
            switch error {
            case .unreadable(let why): throw ReadError(file: path, message: LocalizedText(en: "cannot be read: \(why)", zh: "无法读取：“\(why)”"))
            case .tooLarge(let size?): throw sizeError(path, size, options)
            case .tooLarge(nil):
                throw ReadError(file: path, message: LocalizedText(
                    en: "is over the size limit of \(options.maxBytes) bytes (raise it with --max-bytes)",
                    zh: "超过 \(options.maxBytes) 字节的大小上限（可用 --max-bytes 调高）"))
            }
        }
        return try read(bytes: bytes, file: path, options: options)
    }

    /// Reads bytes already in memory as the file `file` (its extension chooses the format).
    public static func read(bytes: [UInt8], file: String, options: ReadOptions = ReadOptions()) throws(ReadError) -> PlanDocument {
        guard bytes.count <= options.maxBytes else { throw sizeError(file, bytes.count, options) }
        switch format(of: file, bytes: bytes, options: options) {
        case .text:
            return TextPlanReader.read(try SourceText(bytes: bytes, file: file))
        case .planXML, .xml:
            return try XMLPlanReader.read(bytes: bytes, file: file, options: options)
        case .html:
            return try HTMLPlanReader.read(bytes: bytes, file: file, options: options)
        case .docx:
            return try DocxPlanReader.read(bytes: bytes, file: file, options: options)
        }
    }

    /// The format a file is read as: the one asked for, else by extension (`.xml`, `.html`/`.htm`, `.docx`;
    /// `.txt` is text), else, for other names, by its first bytes (zip → .docx, `<?xml` → XML, `<html` → HTML).
    /// `.xml` becomes plan XML in the reader when its root is `<plan>` and no mapping is given.
    public static func format(of file: String, bytes: [UInt8], options: ReadOptions = ReadOptions()) -> InputFormat {
        if let f = options.format { return f }
        let ext = (file as NSString).pathExtension.lowercased()
        switch ext {
        case "txt", "text", "md": return .text
        case "xml": return options.xmlMapping == nil ? .planXML : .xml
        case "html", "htm", "xhtml", "shtml": return .html
        case "docx": return .docx
        default: break
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
        var head = bytes.prefix(512)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        let start = String(decoding: head, as: UTF8.self).drop { $0.isWhitespace }.lowercased()
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") { return .html }
        if start.hasPrefix("<?xml") { return start.contains("<html") ? .html : (options.xmlMapping == nil ? .planXML : .xml) }
        return .text
    }

    static func sizeError(_ file: String, _ size: Int, _ options: ReadOptions) -> ReadError {
        ReadError(file: file, message: LocalizedText(
            en: "is \(size) bytes, over the size limit of \(options.maxBytes) bytes (raise it with --max-bytes)",
            zh: "大小为 \(size) 字节，超过 \(options.maxBytes) 字节的大小上限（可用 --max-bytes 调高）"))
    }
}

extension PlanDocument {
    /// The sentences inside the elements an XPath scope selected (`ReadOptions.xpathScopes`): those whose
    /// XPath is one of them or lies below one, heading titles included (`Sentence.isHeading`). Empty when
    /// the scope was not asked for or the plan is text.
    public func sentences(inXPath expression: String) -> [Sentence] {
        guard let roots = xpathScopes[expression], !roots.isEmpty else { return [] }
        return sentences.filter { s in
            guard let x = s.xpath else { return false }
            return roots.contains { x == $0 || x.hasPrefix($0 + "/") }
        }
    }
}
