/**
 * The actors of an article: merging every form the article uses for one person or institution
 * ("Vladimir Putin", "President Putin", "Putin") into one Actor, and looking them up again.
 */

import { memoize } from "../index/normalize";
import type { NameRun } from "./names";
import type { Actor, ActorKind } from "./types";

/** A known actor standing at a place in a sentence. */
export interface Mention {
  actor: Actor;
  /** Token range, title included. */
  first: number;
  last: number;
  possessive: boolean;
}

/**
 * The actors of one article: finds, merges and looks up people and institutions by any form
 * the article uses for them.
 */
export class ActorRegistry {
  readonly actors: Actor[] = [];
  /** People whose title hangs on another person's name (`Putin’s adviser`), to that name. */
  private readonly possessors = new Map<Actor, string>();

  /** Registers a run as an actor, merging with an actor already known under another form. */
  register(run: NameRun): Actor | null {
    if (run.kind === "party") return this.add(run.name, "party", run.name);
    if (run.kind === "organization") {
      const actor = this.lookup(run) ?? this.add(run.name, "organization", run.party);
      if (run.acronym) addAlias(actor, run.acronym);
      return actor;
    }
    if (!run.personSignal) return null;
    const runKey = fold(run.name);
    const institution = this.actors.find((a) => a.kind === "organization" && aliasKeys(a).has(runKey));
    if (institution) return institution;
    const known = this.findPerson(run.name);
    const actor = known ?? this.add(run.name, "person", run.party);
    if (known && wordCount(run.name) > wordCount(known.name)) {
      addAlias(known, known.name);
      known.name = run.name;
    }
    addAlias(actor, run.name);
    if (run.title) actor.title ??= run.title;
    if (run.title && run.titleBefore) {
      // "President Putin", "Ambassador Mohib": the title up to its first connector, then the surname.
      addAlias(actor, `${run.title.split(/\s+(?:of|to|for|the|and)\s+/i)[0]} ${surname(run.name)}`);
    }
    if (run.party) actor.party ??= run.party;
    if (run.possessor) this.possessors.set(actor, run.possessor);
    return actor;
  }

  /**
   * Adds a speaker found only through attribution: an unnamed role or institution ("joint
   * statement", "Ukraine’s ambassador to the US"), or a person a pronoun refers to.
   */
  addSpeaker(name: string, kind: ActorKind, party?: string): Actor {
    const actor = this.add(name, kind, party);
    addAlias(actor, name);
    return actor;
  }

  /** The person known by a full name, by its first and last words, or by surname alone. */
  findPerson(name: string): Actor | undefined {
    const people = this.actors.filter((a) => a.kind === "person");
    const key = fold(name);
    return (
      people.find((a) => aliasKeys(a).has(key)) ??
      people.find(
        (a) => surnameKey(a.name) === surnameKey(name) && (wordCount(name) === 1 || wordCount(a.name) === 1 || fold(firstWord(a.name)) === fold(firstWord(name))),
      )
    );
  }

  /** The actor a run stands for, when it is known under any of its forms. */
  lookup(run: NameRun): Actor | undefined {
    const key = fold(run.name);
    const exact = this.actors.find((a) => fold(a.name) === key || aliasKeys(a).has(key));
    if (exact) return exact;
    return run.kind === "unknown" || run.kind === "person" ? this.findPerson(run.name) : undefined;
  }

  /** Makes a fuller form of a known person's name ("John Smith" after "Mr. Smith") the actor's name. */
  upgradeName(actor: Actor, run: NameRun): void {
    if (actor.kind !== "person" || run.kind !== "unknown" || wordCount(run.name) <= wordCount(actor.name)) return;
    if (surnameKey(run.name) !== surnameKey(actor.name)) return;
    addAlias(actor, actor.name);
    actor.name = run.name;
  }

  /** Gives each person whose title hangs on another person (`Putin’s adviser`) that person's party. */
  inheritPossessorParties(): void {
    for (const [actor, possessor] of this.possessors) {
      const owner = this.findPerson(possessor);
      if (owner?.party) actor.party ??= owner.party;
    }
  }

  private add(name: string, kind: ActorKind, party?: string): Actor {
    const existing = this.actors.find((a) => a.kind === kind && fold(a.name) === fold(name));
    if (existing) return existing;
    const actor: Actor = { name, kind, aliases: [name] };
    if (party) actor.party = party;
    this.actors.push(actor);
    return actor;
  }
}

/** Adds a surface form to an actor's aliases once. */
export function addAlias(actor: Actor, alias: string): void {
  const clean = alias.trim();
  if (clean && !aliasKeys(actor).has(fold(clean))) actor.aliases.push(clean);
}

/** Each actor's aliases folded, kept up to date as aliases are added (they are only ever added). */
const foldedAliases = new WeakMap<Actor, { count: number; keys: Set<string> }>();

/** An actor's aliases folded: lookups compare them with every name an article mentions. */
function aliasKeys(actor: Actor): ReadonlySet<string> {
  let known = foldedAliases.get(actor);
  if (!known) foldedAliases.set(actor, (known = { count: 0, keys: new Set() }));
  for (; known.count < actor.aliases.length; known.count++) known.keys.add(fold(actor.aliases[known.count]!));
  return known.keys;
}

/** Folds case and apostrophes for comparing names. */
export const fold: (text: string) => string = memoize((text) => text.normalize("NFC").replace(/[’‘]/g, "'").toLowerCase().trim());

function wordCount(name: string): number {
  return name.split(/\s+/).length;
}

function surname(name: string): string {
  return name.split(/\s+/).at(-1) ?? name;
}

/** A surname for comparing: without an Arabic article, so "al-Maliki" is "Maliki". */
const surnameKey: (name: string) => string = memoize((name) => fold(surname(name)).replace(/^(?:al|el|ad|as|an|ash)-/, ""));

function firstWord(name: string): string {
  return name.split(/\s+/)[0] ?? name;
}
