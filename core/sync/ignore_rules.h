#pragma once

#include "common/result.h"

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace stratus::sync {

// The rules that keep files out of a synced folder: the folder's
// `.stratusignore` in gitignore syntax on top of built-in defaults.
//
// Syntax (as gitignore): '#' starts a comment, blank lines are skipped,
// trailing spaces are dropped unless escaped, '!' re-includes, a leading or
// middle '/' anchors the pattern to the folder root (otherwise it matches a
// name at any depth), a trailing '/' matches directories only, '*' and '?'
// never cross '/', "[a-z]" / "[!a-z]" are classes, "**/" "/**/" and "/**"
// span directories, '\' escapes the next character. The last matching rule
// wins, and as in git nothing inside an ignored directory can be re-included.
//
// Two layers of defaults come first: editor and OS junk (a user may
// re-include it with '!'), and Stratus's own partial files and `.stratus/`
// folder, which are always ignored (syncing them would corrupt the engine's
// state). Conflict copies (`*.sync-conflict-*`) are deliberately not ignored:
// they must reach every device.
class IgnoreRules {
public:
    static constexpr const char *kFileName = ".stratusignore";
    static constexpr qsizetype kMaxBytes = 1024 * 1024;
    static constexpr qsizetype kMaxRules = 10000;

    // The defaults alone.
    IgnoreRules();

    // The defaults plus the rules in `text` (the content of a .stratusignore).
    // Fails only on a file too large or with too many rules to be a real one.
    static Result<IgnoreRules> parse(const QString &text);
    // Reads `folderRoot/.stratusignore`; no such file means the defaults only.
    static Result<IgnoreRules> load(const QString &folderRoot);

    // True when `relativePath` ('/'-separated, relative to the folder root,
    // no leading '/') is ignored. `isDir` says whether it names a directory.
    bool ignored(const QString &relativePath, bool isDir) const;
    // The same for a path whose parent directories are known not to be
    // ignored (a walker that does not descend into ignored directories):
    // the ancestors are not evaluated again, which keeps a scan linear.
    bool ignoredInListedDir(const QString &relativePath, bool isDir) const;

    qsizetype userRuleCount() const { return m_rules.size() - m_defaultCount; }

private:
    struct Rule {
        QRegularExpression regex;
        bool negated = false;
        bool dirOnly = false;
        bool matchBasename = false; // no '/' in the pattern: match the last path part
    };

    // Adds one line; false when it holds no rule (blank or comment).
    bool addLine(QString line);
    // The verdict of the rules for one path, ancestors not considered.
    bool matchOwn(const QString &path, bool isDir) const;

    QList<Rule> m_hard; // always ignored, cannot be re-included
    QList<Rule> m_rules;
    qsizetype m_defaultCount = 0;
};

// The pattern of one gitignore line as an anchored regular expression
// (exposed for tests).
QString globToRegex(const QString &glob);

} // namespace stratus::sync
