package org.copkit.search;

/** Dimensions on which search results are counted. */
public enum Facet {
    /** By object type ({@code KNOWLEDGE_ITEM}, ...). */
    TYPE,
    /** By community id. */
    COMMUNITY,
    /** By practice id. */
    PRACTICE,
    /** By tag. */
    TAG,
    /** By language tag. */
    LANGUAGE
}
