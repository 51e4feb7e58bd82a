#include "sync/ignore_rules.h"

#include <QFile>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace stratus::sync {

namespace {

// Editor and OS leftovers nobody wants on their other devices. A user may
// re-include any of them with '!'.
const QStringList kDefaultPatterns{
    u"*~"_s,                         // Emacs, gedit, many others: backup copies
    u".*.sw[a-p]"_s,                 // Vim swap files
    u"~$*"_s,                        // Microsoft Office owner files
    u".~lock.*#"_s,                  // LibreOffice lock files
    u".DS_Store"_s,                  // macOS Finder
    u"._.DS_Store"_s,                // the same on non-Apple file systems
    u"Thumbs.db"_s,                  // Windows Explorer
    u"ehthumbs.db"_s,                // Windows Media Center
    u"desktop.ini"_s,                // Windows folder settings
    u".Trash-*"_s,                   // freedesktop trash on removable drives
    u".fuse_hidden*"_s,              // files deleted while still open on FUSE
    u"$RECYCLE.BIN/"_s,              // Windows recycle bin on a drive
    u"System Volume Information/"_s, // Windows volume metadata
};

// Stratus's own state: syncing it would corrupt the engine. Never re-included.
const QStringList kHardPatterns{
    u".stratus/"_s,      // the folder's engine metadata
    u".stratus-tmp-*"_s, // partial files being downloaded
};

} // namespace

QString globToRegex(const QString &glob)
{
    QString out = u"^"_s;
    const qsizetype n = glob.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = glob[i];
        if (c == u'\\') {
            if (i + 1 < n)
                out += QRegularExpression::escape(QString(glob[++i]));
            else
                out += u"\\\\"_s;
        } else if (c == u'*') {
            qsizetype run = 1;
            while (i + run < n && glob[i + run] == u'*')
                ++run;
            const bool startsPart = i == 0 || glob[i - 1] == u'/';
            const bool endsPart = i + run == n || glob[i + run] == u'/';
            if (run >= 2 && startsPart && endsPart) {
                if (i + run < n) {
                    out += u"(?:.*/)?"_s; // "**/": zero or more directories
                    i += run;             // the '/' is consumed too
                } else {
                    out += u".*"_s; // "/**": everything inside
                    i += run - 1;
                }
            } else {
                out += u"[^/]*"_s; // other runs of '*' are a plain '*', as in git
                i += run - 1;
            }
        } else if (c == u'?') {
            out += u"[^/]"_s;
        } else if (c == u'[') {
            // Find the closing ']' ("[]" and "[!]" keep a leading ']' literal).
            qsizetype j = i + 1;
            if (j < n && (glob[j] == u'!' || glob[j] == u'^'))
                ++j;
            if (j < n && glob[j] == u']')
                ++j;
            while (j < n && glob[j] != u']')
                j += glob[j] == u'\\' ? 2 : 1;
            if (j >= n) {
                out += u"\\["_s; // unterminated: a literal '['
                continue;
            }
            qsizetype k = i + 1;
            QString cls = u"(?!/)["_s; // a class never matches '/'
            if (glob[k] == u'!' || glob[k] == u'^') {
                cls += u'^';
                ++k;
            }
            for (; k < j; ++k) {
                const QChar d = glob[k];
                if (d == u'\\' && k + 1 < j)
                    cls += u'\\' + QString(glob[++k]);
                else if (d == u'\\' || d == u'[' || d == u']' || d == u'^')
                    cls += u'\\' + QString(d);
                else
                    cls += d;
            }
            out += cls + u']';
            i = j;
        } else {
            out += QRegularExpression::escape(QString(c));
        }
    }
    return out + u'$';
}

IgnoreRules::IgnoreRules()
{
    for (const QString &p : kHardPatterns)
        addLine(p);
    m_hard = std::exchange(m_rules, {});
    for (const QString &p : kDefaultPatterns)
        addLine(p);
    m_defaultCount = m_rules.size();
}

bool IgnoreRules::addLine(QString line)
{
    if (line.endsWith(u'\r'))
        line.chop(1);
    if (line.isEmpty() || line.startsWith(u'#'))
        return false;
    // Trailing spaces go, unless escaped with a backslash.
    while (line.endsWith(u' ') && !(line.size() >= 2 && line[line.size() - 2] == u'\\'))
        line.chop(1);
    Rule rule;
    if (line.startsWith(u'!')) {
        rule.negated = true;
        line.remove(0, 1);
    }
    if (line.endsWith(u'/') && !line.endsWith(u"\\/"_s)) {
        rule.dirOnly = true;
        while (line.endsWith(u'/'))
            line.chop(1);
    }
    if (line.isEmpty())
        return false;
    if (line.startsWith(u'/'))
        line.remove(0, 1); // anchored at the root
    else if (!line.contains(u'/'))
        rule.matchBasename = true;
    if (line.isEmpty())
        return false;
    rule.regex = QRegularExpression(globToRegex(line));
    if (!rule.regex.isValid())
        return false; // cannot happen with the escaping above; never match rather than crash
    rule.regex.optimize();
    m_rules.append(std::move(rule));
    return true;
}

Result<IgnoreRules> IgnoreRules::parse(const QString &text)
{
    if (text.size() > kMaxBytes)
        return makeError(u"the %1 file is longer than %2 characters; is it really an ignore file?"_s
                             .arg(QString::fromLatin1(kFileName))
                             .arg(kMaxBytes));
    IgnoreRules rules;
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines) {
        rules.addLine(line);
        if (rules.userRuleCount() > kMaxRules)
            return makeError(u"the %1 file has more than %2 rules; simplify it with '**' or directory patterns"_s
                                 .arg(QString::fromLatin1(kFileName))
                                 .arg(kMaxRules));
    }
    return rules;
}

Result<IgnoreRules> IgnoreRules::load(const QString &folderRoot)
{
    QFile file(folderRoot + u'/' + QString::fromLatin1(kFileName));
    if (!file.exists())
        return IgnoreRules();
    if (!file.open(QIODevice::ReadOnly))
        return makeError(u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
    const QByteArray bytes = file.read(kMaxBytes + 1);
    if (bytes.size() > kMaxBytes)
        return makeError(
            u"%1 is larger than %2 bytes; is it really an ignore file?"_s.arg(file.fileName()).arg(kMaxBytes));
    return parse(QString::fromUtf8(bytes));
}

bool IgnoreRules::matchOwn(const QString &path, bool isDir) const
{
    const QString base = path.mid(path.lastIndexOf(u'/') + 1);
    for (const Rule &r : m_hard) {
        if ((!r.dirOnly || isDir) && r.regex.match(r.matchBasename ? base : path).hasMatch())
            return true;
    }
    // The last matching rule decides.
    for (qsizetype i = m_rules.size() - 1; i >= 0; --i) {
        const Rule &r = m_rules[i];
        if (r.dirOnly && !isDir)
            continue;
        if (r.regex.match(r.matchBasename ? base : path).hasMatch())
            return !r.negated;
    }
    return false;
}

bool IgnoreRules::ignored(const QString &relativePath, bool isDir) const
{
    QString path = relativePath;
    while (path.startsWith(u'/'))
        path.remove(0, 1);
    while (path.endsWith(u'/'))
        path.chop(1);
    if (path.isEmpty())
        return false;
    // As in git, an ignored directory hides everything inside it, whatever
    // later rules say about its contents.
    for (qsizetype slash = path.indexOf(u'/'); slash >= 0; slash = path.indexOf(u'/', slash + 1)) {
        if (matchOwn(path.left(slash), true))
            return true;
    }
    return matchOwn(path, isDir);
}

bool IgnoreRules::ignoredInListedDir(const QString &relativePath, bool isDir) const
{
    return matchOwn(relativePath, isDir);
}

} // namespace stratus::sync
