// The classes of scalars the quantity scan tests. Each is a few compares, always inlined: they run on every
// scalar it reads. Chinese numerals are `ChineseNumeral`'s (`chineseDigit`, `isChineseNumeralCharacter`).

/// An ASCII digit: one subtraction and compare (the unsigned wrap rules out everything below `0`).
@inline(__always) func isDigit(_ c: Unicode.Scalar) -> Bool { c.value &- 0x30 < 10 }

/// An ASCII letter, either case (setting bit 5 lowercases).
@inline(__always) func isLetter(_ c: Unicode.Scalar) -> Bool { (c.value | 0x20) &- 0x61 < 26 }

/// A range separator: `-`, dashes, tildes, `至`, `到`.
@inline(__always) func isRangeSeparator(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "-", "—", "–", "~", "～", "至", "到", "－": return true
    default: return false
    }
}

/// A dash or tilde: the range separators that may stand between two numbers with units (`2%-3%`).
@inline(__always) func isDash(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "-", "—", "–", "~", "～", "－": return true
    default: return false
    }
}

/// Punctuation that ends a clause: a change's start and end must sit in one clause.
@inline(__always) func isClauseBreak(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case ",", "，", ";", "；", "。", "!", "！", "?", "？", "、": return true
    default: return false
    }
}

/// The values a four-digit number may have to read as a year (`2025`; `1800` and `2200` are counts).
let yearRange = 1900.0...2100.0

/// The non-ASCII scalars the scan must look at: Chinese numerals, quotes, 第, 本.
let interestingScalars = ScalarBits((ChineseNumeral.chineseCharacters + "“「《第本").unicodeScalars)

/// The scalars that can start a quantity besides ASCII digits: the Chinese numerals and 本.
let quantityStarts = ScalarBits((ChineseNumeral.chineseCharacters + "本").unicodeScalars)
