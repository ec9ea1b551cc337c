import { Context } from "effect"
import type { UserView } from "../domain/user.js"
import type { ResourceService } from "./ResourceService.js"

/**
 * Accounts. Only city admins list, create, change or delete users (others get `Forbidden`, except
 * that anyone may `get` their own record). Views never carry the password hash. Inputs are
 * UserCreate/UserUpdate: the caller hashes passwords. A region admin must have a region.
 * Nobody deletes or demotes their own account.
 */
export class Users extends Context.Tag("@yinfa/core/Users")<Users, ResourceService<UserView>>() {}
