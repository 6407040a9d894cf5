// https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface VmSnapshotConfig extends cdktf.TerraformMetaArguments {
  /**
  * A free-text description (XAPI `name_description`). Defaults to `""`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#name_description VmSnapshot#name_description}
  */
  readonly nameDescription?: string;
  /**
  * The name of the object (XAPI `name_label`). Must be length between 1 and 255.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#name_label VmSnapshot#name_label}
  */
  readonly nameLabel: string;
  /**
  * User keys of XAPI `other_config`. xcpform manages only the keys listed here and never removes keys set by other tools; keys starting with `xcpform:` are reserved. Defaults to `{}`. Keys that other tools set are preserved.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#other_config VmSnapshot#other_config}
  */
  readonly otherConfig?: { [key: string]: string };
  /**
  * Name of the pool this object lives in: a key of the provider's `pools`. Defaults to the provider's `default_pool` (or its first pool). Must be a pool name made of letters, digits, "_" and "-". Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#pool VmSnapshot#pool}
  */
  readonly pool?: string;
  /**
  * Raise this number to revert the VM to the snapshot (`VM.revert`) at the next apply. Must be a whole number of at least 0. Defaults to `0`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#revert_generation VmSnapshot#revert_generation}
  */
  readonly revertGeneration?: number;
  /**
  * Tags, as shown in XenCenter and Xen Orchestra; also the key of `xcpform usage` reports. Defaults to `[]`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#tags VmSnapshot#tags}
  */
  readonly tags?: string[];
  /**
  * UUID of the VM to snapshot (usually `xcp_vm.<name>.uuid`). Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#vm VmSnapshot#vm}
  */
  readonly vm: string;
  /**
  * Take a checkpoint with memory (needs a running VM with guest tools). Defaults to `false`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#with_memory VmSnapshot#with_memory}
  */
  readonly withMemory?: boolean | cdktf.IResolvable;
  /**
  * timeouts block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#timeouts VmSnapshot#timeouts}
  */
  readonly timeouts?: VmSnapshotTimeouts;
}
export interface VmSnapshotTimeouts {
  /**
  * Longest time the create (with the copies, imports and waits it makes) may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#create VmSnapshot#create}
  */
  readonly create?: string;
  /**
  * Longest time the destroy may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#delete VmSnapshot#delete}
  */
  readonly delete?: string;
  /**
  * Longest time an update or migration may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#update VmSnapshot#update}
  */
  readonly update?: string;
}

export function vmSnapshotTimeoutsToTerraform(struct?: VmSnapshotTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    create: cdktf.stringToTerraform(struct!.create),
    delete: cdktf.stringToTerraform(struct!.delete),
    update: cdktf.stringToTerraform(struct!.update),
  }
}


export function vmSnapshotTimeoutsToHclTerraform(struct?: VmSnapshotTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    create: {
      value: cdktf.stringToHclTerraform(struct!.create),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    delete: {
      value: cdktf.stringToHclTerraform(struct!.delete),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    update: {
      value: cdktf.stringToHclTerraform(struct!.update),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VmSnapshotTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VmSnapshotTimeouts | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._create !== undefined) {
      hasAnyValues = true;
      internalValueResult.create = this._create;
    }
    if (this._delete !== undefined) {
      hasAnyValues = true;
      internalValueResult.delete = this._delete;
    }
    if (this._update !== undefined) {
      hasAnyValues = true;
      internalValueResult.update = this._update;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VmSnapshotTimeouts | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._create = undefined;
      this._delete = undefined;
      this._update = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._create = value.create;
      this._delete = value.delete;
      this._update = value.update;
    }
  }

  // create - computed: false, optional: true, required: false
  private _create?: string; 
  public get create() {
    return this.getStringAttribute('create');
  }
  public set create(value: string) {
    this._create = value;
  }
  public resetCreate() {
    this._create = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createInput() {
    return this._create;
  }

  // delete - computed: false, optional: true, required: false
  private _delete?: string; 
  public get delete() {
    return this.getStringAttribute('delete');
  }
  public set delete(value: string) {
    this._delete = value;
  }
  public resetDelete() {
    this._delete = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deleteInput() {
    return this._delete;
  }

  // update - computed: false, optional: true, required: false
  private _update?: string; 
  public get update() {
    return this.getStringAttribute('update');
  }
  public set update(value: string) {
    this._update = value;
  }
  public resetUpdate() {
    this._update = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get updateInput() {
    return this._update;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot xcp_vm_snapshot}
*/
export class VmSnapshot extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "xcp_vm_snapshot";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a VmSnapshot resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the VmSnapshot to import
  * @param importFromId The id of the existing VmSnapshot that should be imported. Refer to the {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the VmSnapshot to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "xcp_vm_snapshot", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm_snapshot xcp_vm_snapshot} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options VmSnapshotConfig
  */
  public constructor(scope: Construct, id: string, config: VmSnapshotConfig) {
    super(scope, id, {
      terraformResourceType: 'xcp_vm_snapshot',
      terraformGeneratorMetadata: {
        providerName: 'xcp',
        providerVersionConstraint: '~> 0.1'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._nameDescription = config.nameDescription;
    this._nameLabel = config.nameLabel;
    this._otherConfig = config.otherConfig;
    this._pool = config.pool;
    this._revertGeneration = config.revertGeneration;
    this._tags = config.tags;
    this._vm = config.vm;
    this._withMemory = config.withMemory;
    this._timeouts.internalValue = config.timeouts;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // name_description - computed: true, optional: true, required: false
  private _nameDescription?: string; 
  public get nameDescription() {
    return this.getStringAttribute('name_description');
  }
  public set nameDescription(value: string) {
    this._nameDescription = value;
  }
  public resetNameDescription() {
    this._nameDescription = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nameDescriptionInput() {
    return this._nameDescription;
  }

  // name_label - computed: false, optional: false, required: true
  private _nameLabel?: string; 
  public get nameLabel() {
    return this.getStringAttribute('name_label');
  }
  public set nameLabel(value: string) {
    this._nameLabel = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameLabelInput() {
    return this._nameLabel;
  }

  // other_config - computed: true, optional: true, required: false
  private _otherConfig?: { [key: string]: string }; 
  public get otherConfig() {
    return this.getStringMapAttribute('other_config');
  }
  public set otherConfig(value: { [key: string]: string }) {
    this._otherConfig = value;
  }
  public resetOtherConfig() {
    this._otherConfig = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get otherConfigInput() {
    return this._otherConfig;
  }

  // pool - computed: true, optional: true, required: false
  private _pool?: string; 
  public get pool() {
    return this.getStringAttribute('pool');
  }
  public set pool(value: string) {
    this._pool = value;
  }
  public resetPool() {
    this._pool = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get poolInput() {
    return this._pool;
  }

  // revert_generation - computed: true, optional: true, required: false
  private _revertGeneration?: number; 
  public get revertGeneration() {
    return this.getNumberAttribute('revert_generation');
  }
  public set revertGeneration(value: number) {
    this._revertGeneration = value;
  }
  public resetRevertGeneration() {
    this._revertGeneration = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get revertGenerationInput() {
    return this._revertGeneration;
  }

  // size - computed: true, optional: false, required: false
  public get size() {
    return this.getNumberAttribute('size');
  }

  // snapshot_time - computed: true, optional: false, required: false
  public get snapshotTime() {
    return this.getStringAttribute('snapshot_time');
  }

  // tags - computed: true, optional: true, required: false
  private _tags?: string[]; 
  public get tags() {
    return cdktf.Fn.tolist(this.getListAttribute('tags'));
  }
  public set tags(value: string[]) {
    this._tags = value;
  }
  public resetTags() {
    this._tags = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tagsInput() {
    return this._tags;
  }

  // uuid - computed: true, optional: false, required: false
  public get uuid() {
    return this.getStringAttribute('uuid');
  }

  // vdis - computed: true, optional: false, required: false
  public get vdis() {
    return this.getListAttribute('vdis');
  }

  // vm - computed: false, optional: false, required: true
  private _vm?: string; 
  public get vm() {
    return this.getStringAttribute('vm');
  }
  public set vm(value: string) {
    this._vm = value;
  }
  // Temporarily expose input value. Use with caution.
  public get vmInput() {
    return this._vm;
  }

  // with_memory - computed: true, optional: true, required: false
  private _withMemory?: boolean | cdktf.IResolvable; 
  public get withMemory() {
    return this.getBooleanAttribute('with_memory');
  }
  public set withMemory(value: boolean | cdktf.IResolvable) {
    this._withMemory = value;
  }
  public resetWithMemory() {
    this._withMemory = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get withMemoryInput() {
    return this._withMemory;
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new VmSnapshotTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: VmSnapshotTimeouts) {
    this._timeouts.internalValue = value;
  }
  public resetTimeouts() {
    this._timeouts.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutsInput() {
    return this._timeouts.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      name_description: cdktf.stringToTerraform(this._nameDescription),
      name_label: cdktf.stringToTerraform(this._nameLabel),
      other_config: cdktf.hashMapper(cdktf.stringToTerraform)(this._otherConfig),
      pool: cdktf.stringToTerraform(this._pool),
      revert_generation: cdktf.numberToTerraform(this._revertGeneration),
      tags: cdktf.listMapper(cdktf.stringToTerraform, false)(this._tags),
      vm: cdktf.stringToTerraform(this._vm),
      with_memory: cdktf.booleanToTerraform(this._withMemory),
      timeouts: vmSnapshotTimeoutsToTerraform(this._timeouts.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      name_description: {
        value: cdktf.stringToHclTerraform(this._nameDescription),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name_label: {
        value: cdktf.stringToHclTerraform(this._nameLabel),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      other_config: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._otherConfig),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      pool: {
        value: cdktf.stringToHclTerraform(this._pool),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      revert_generation: {
        value: cdktf.numberToHclTerraform(this._revertGeneration),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      tags: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._tags),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      vm: {
        value: cdktf.stringToHclTerraform(this._vm),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      with_memory: {
        value: cdktf.booleanToHclTerraform(this._withMemory),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      timeouts: {
        value: vmSnapshotTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "VmSnapshotTimeouts",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
