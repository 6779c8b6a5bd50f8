// config::Value: one payload per type (value.h). Copies, moves and assignments between every pair of
// types, assignment from a value's own child, and the accessors' contract for a value of another type.
#include "config/value.h"

#include <QTest>

using namespace chainscope;
using namespace chainscope::config;

namespace {

SourceSpan at(int line)
{
    return SourceSpan{QStringLiteral("f.hcl"), SourcePos{line, 1, line * 10}, SourcePos{line, 5, line * 10 + 4}};
}

/** One value of each type; the containers hold something, so a shallow mistake shows. */
QList<Value> oneOfEach()
{
    QList<Value::Member> members;
    members.append(Value::Member{QStringLiteral("k"), at(7), Value::string(QStringLiteral("v"), at(8))});
    members.append(Value::Member{QStringLiteral("n"), at(9), Value::list({Value::integer(1, at(10))}, at(10))});
    return {Value::null(at(1)),
            Value::boolean(true, at(2)),
            Value::integer(-42, at(3)),
            Value::floating(2.5, at(4)),
            Value::string(QStringLiteral("text that is long enough to be its own block"), at(5), false),
            Value::list({Value::string(QStringLiteral("a"), at(6)), Value::boolean(false, at(6))}, at(6)),
            Value::map(members, at(7))};
}

bool sameWithSpan(const Value &a, const Value &b)
{
    return a.sameAs(b) && a.span() == b.span() && a.isQuoted() == b.isQuoted();
}

} // namespace

class TestValue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scalarsReadBack()
    {
        const QList<Value> v = oneOfEach();
        QVERIFY(v[0].isNull());
        QCOMPARE(v[1].toBool(), true);
        QCOMPARE(v[2].toInt(), -42);
        QCOMPARE(v[2].toDouble(), -42.0);
        QCOMPARE(v[3].toDouble(), 2.5);
        QCOMPARE(v[3].toInt(), 2);
        QCOMPARE(v[4].toString(), QStringLiteral("text that is long enough to be its own block"));
        QVERIFY(!v[4].isQuoted());
        QCOMPARE(v[5].items().size(), 2);
        QCOMPARE(v[6].members().size(), 2);
        QCOMPARE(v[6].find(u"n")->items().first().toInt(), 1);
        QCOMPARE(v[6].findCaseInsensitive(u"K")->toString(), QStringLiteral("v"));
        QCOMPARE(v[6].span(), at(7));
    }

    void otherTypesReadAsEmpty()
    {
        const QList<Value> v = oneOfEach();
        for (qsizetype i = 0; i < v.size(); ++i) {
            const Value &x = v[i];
            if (!x.isBool())
                QCOMPARE(x.toBool(), false);
            if (!x.isNumber()) {
                QCOMPARE(x.toInt(), 0);
                QCOMPARE(x.toDouble(), 0.0);
            }
            if (!x.isString())
                QVERIFY(x.toString().isEmpty());
            if (!x.isList())
                QVERIFY(x.items().isEmpty());
            if (!x.isMap()) {
                QVERIFY(x.members().isEmpty());
                QVERIFY(!x.find(u"k"));
                QVERIFY(!x.findCaseInsensitive(u"k"));
            }
        }
        // A false bool and an integer that is zero are still what they are.
        QVERIFY(Value::boolean(false).isBool());
        QVERIFY(Value::integer(0).isInt());
    }

    void writesThroughAnotherTypeAreDropped()
    {
        Value s = Value::string(QStringLiteral("x"), at(1));
        s.items().append(Value::integer(1));
        s.members().append(Value::Member{QStringLiteral("k"), at(1), Value::null()});
        QVERIFY(s.isString());
        QCOMPARE(s.toString(), QStringLiteral("x"));
        QVERIFY(s.items().isEmpty());
        QVERIFY(s.members().isEmpty());
        QVERIFY(std::as_const(s).items().isEmpty());

        Value list = Value::list({Value::integer(1)});
        list.members().append(Value::Member{QStringLiteral("k"), at(1), Value::null()});
        QCOMPARE(list.items().size(), 1);
        list.items().append(Value::integer(2)); // the right type: kept
        QCOMPARE(list.items().size(), 2);
    }

    void copiesAndMovesEveryType()
    {
        const QList<Value> originals = oneOfEach();
        for (const Value &original : originals) {
            const Value copy(original);
            QVERIFY(sameWithSpan(copy, original));
            Value source(original);
            const Value moved(std::move(source));
            QVERIFY(sameWithSpan(moved, original));
            QCOMPARE(source.type(), original.type()); // NOLINT(bugprone-use-after-move): a moved-from value keeps its type
        }
    }

    void assignsBetweenEveryPairOfTypes()
    {
        const QList<Value> originals = oneOfEach();
        for (const Value &from : originals) {
            for (const Value &to : originals) {
                Value copied(to);
                copied = from;
                QVERIFY2(sameWithSpan(copied, from), qPrintable(from.typeName() + u" over " + to.typeName()));
                Value moved(to);
                Value source(from);
                moved = std::move(source);
                QVERIFY2(sameWithSpan(moved, from), qPrintable(from.typeName() + u" over " + to.typeName()));
            }
        }
    }

    void copiesAreIndependent()
    {
        Value a = oneOfEach().last();
        const Value b = a;
        a.members()[0].value = Value::integer(5);
        a.members().removeLast();
        QCOMPARE(b.members().size(), 2);
        QCOMPARE(b.members()[0].value.toString(), QStringLiteral("v"));
        QCOMPARE(a.members().size(), 1);
        QCOMPARE(a.members()[0].value.toInt(), 5);
    }

    void assignsFromItsOwnChild()
    {
        // The child lives in the payload that the assignment replaces.
        Value tree = oneOfEach().last();
        tree = tree.members()[1].value;
        QVERIFY(tree.isList());
        QCOMPARE(tree.items().size(), 1);
        QCOMPARE(tree.items()[0].toInt(), 1);
        QCOMPARE(tree.span(), at(10));

        Value list = oneOfEach()[5];
        list = std::move(list.items()[0]);
        QVERIFY(list.isString());
        QCOMPARE(list.toString(), QStringLiteral("a"));

        Value self = oneOfEach().last();
        const Value before = self;
        self = std::as_const(self);
        QVERIFY(sameWithSpan(self, before));
    }

    void replacesAOneElementListByItsElement()
    {
        // Every type of element, the list alone or shared with a copy (which must keep its element).
        for (const Value &element : oneOfEach()) {
            Value list = Value::list({element}, at(20));
            const Value copy = list;
            Value alone = Value::list({element}, at(21));
            alone.replaceByOnlyItem();
            QVERIFY(sameWithSpan(alone, element));
            list.replaceByOnlyItem();
            QVERIFY(sameWithSpan(list, element));
            QVERIFY(copy.isList());
            QCOMPARE(copy.items().size(), 1);
            QVERIFY(sameWithSpan(copy.items()[0], element));
        }
        // Anything else stays as it is.
        for (const Value &v : oneOfEach()) {
            Value same = v;
            same.replaceByOnlyItem();
            QVERIFY(sameWithSpan(same, v));
        }
        Value empty = Value::list({}, at(22));
        empty.replaceByOnlyItem();
        QVERIFY(empty.isList() && empty.items().isEmpty());
        Value nested = Value::list({Value::list({Value::integer(3, at(24))}, at(23))}, at(22));
        nested.replaceByOnlyItem();
        QVERIFY(nested.isList());
        QCOMPARE(nested.span(), at(23));
        nested.replaceByOnlyItem();
        QCOMPARE(nested.toInt(), 3);
        QCOMPARE(nested.span(), at(24));
    }

    void sameAsComparesContentNotSpans()
    {
        QVERIFY(Value::string(QStringLiteral("a"), at(1)).sameAs(Value::string(QStringLiteral("a"), at(2))));
        QVERIFY(!Value::string(QStringLiteral("a")).sameAs(Value::string(QStringLiteral("b"))));
        QVERIFY(!Value::integer(1).sameAs(Value::floating(1.0)));
        QVERIFY(!Value::boolean(true).sameAs(Value::boolean(false)));
        QVERIFY(!Value::list({Value::integer(1)}).sameAs(Value::list({Value::integer(1), Value::integer(2)})));
        Value m = oneOfEach().last();
        Value n = m;
        QVERIFY(m.sameAs(n));
        n.members()[0].key = QStringLiteral("K");
        QVERIFY(!m.sameAs(n));
    }

    void containersHoldThem()
    {
        // Q_RELOCATABLE_TYPE: growing a list moves values with memcpy; they must survive it.
        QList<Value> many;
        for (int i = 0; i < 200; ++i)
            many.append(i % 2 ? Value::string(QString::number(i), at(i + 1)) : Value::list({Value::integer(i)}, at(i + 1)));
        many.insert(0, Value::map({Value::Member{QStringLiteral("first"), at(1), Value::null()}}));
        many.removeAt(100);
        QCOMPARE(many.size(), 200);
        QCOMPARE(many[0].members()[0].key, QStringLiteral("first"));
        QCOMPARE(many[1].items()[0].toInt(), 0);
        QCOMPARE(many[2].toString(), QStringLiteral("1"));
        QCOMPARE(many[199].toString(), QStringLiteral("199"));
    }
};

QTEST_GUILESS_MAIN(TestValue)
#include "tst_value.moc"
