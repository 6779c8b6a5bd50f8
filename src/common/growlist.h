// Growing a QList ahead of appends without copying its elements.
#pragma once

#include <QList>

namespace chainscope {

/**
 * Room in `list` for `extra` more elements, made at once. QList::reserve() (Qt 6.4) copies every element
 * into the new block and destroys the old ones, which for a list of config entries is a deep copy of the
 * whole load; so reserve() is used only on an empty list. A list that holds elements grows the way
 * appending grows it, moving a relocatable type's bytes (realloc): resized up and back down, which
 * constructs and destroys `extra` default elements on the way. A no-op when the room is there already.
 */
template<class T>
void growListFor(QList<T> &list, qsizetype extra)
{
    const qsizetype size = list.size();
    if (extra <= 0 || list.capacity() - size >= extra)
        return;
    if (size == 0) {
        list.reserve(extra);
        return;
    }
    list.resize(size + extra);
    list.resize(size);
}

} // namespace chainscope
